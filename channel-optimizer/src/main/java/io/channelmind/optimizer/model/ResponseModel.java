package io.channelmind.optimizer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fitted response model: the probability that a profile converts when contacted on a channel,
 * from a logistic regression over the encoded profile features (see {@link FeatureEncoder}).
 */
@Schema(description = "Fitted logistic regression: the encoding and one coefficient per design column")
public record ResponseModel(FeatureEncoder encoder, double[] coefficients, double l2) {

    /** Fits a model on the examples with the L2 penalty {@code l2}. */
    public static ResponseModel fit(List<ResponseExample> examples, double l2) {
        FeatureEncoder encoder = FeatureEncoder.fit(examples);
        List<SparseRow> rows = new ArrayList<>(examples.size());
        int[] labels = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            ResponseExample example = examples.get(i);
            rows.add(encoder.encode(example.features(), encoder.channelIndex(example.channel())));
            labels[i] = example.converted() ? 1 : 0;
        }
        return new ResponseModel(encoder, LogisticRegression.fit(rows, labels, encoder.width(), l2), l2);
    }

    /** Returns true when the model was trained on the channel and can score it. */
    public boolean knowsChannel(String channel) {
        return encoder.channelIndex(channel) >= 0;
    }

    /**
     * Returns the predicted conversion probability of the profile on the channel.
     *
     * @throws IllegalArgumentException when the model was not trained on the channel
     */
    public double probability(Map<String, String> features, String channel) {
        int index = encoder.channelIndex(channel);
        if (index < 0) {
            throw new IllegalArgumentException("The model was not trained on channel '" + channel + "'");
        }
        return LogisticRegression.sigmoid(encoder.encode(features, index).dot(coefficients));
    }
}
