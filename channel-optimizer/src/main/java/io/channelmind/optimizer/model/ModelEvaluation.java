package io.channelmind.optimizer.model;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Evaluation of a response model on the holdout (the last rows in time or sequence order),
 * next to the baseline that always recommends the channel with the best historical rate and
 * predicts each channel's historical rate.
 */
@Schema(description = "Holdout evaluation of the model and of the best-historical-channel baseline")
public record ModelEvaluation(
        @Schema(description = "Rows the evaluated model was trained on (the first ones)") int trainingRows,
        @Schema(description = "Rows held out (the last ones)") int holdoutRows,
        @Schema(description = "Model inputs; never duration") List<String> features,
        @Schema(description = "Conversion rate per channel in the training rows") Map<String, Double> trainingRates,
        @Schema(description = "Channel the baseline always recommends") String baselineChannel,
        @Schema(description = "Predicted conversion on the contacted channel, all holdout rows") ClassifierMetrics model,
        @Schema(description = "Baseline: the contacted channel's training rate as the score, all holdout rows")
        ClassifierMetrics baseline,
        @Schema(description = "Predicted conversion of the recommended channel, on the holdout rows that were"
                + " contacted on the channel the model recommends") ClassifierMetrics recommended,
        @Schema(description = "Baseline on the holdout rows contacted on the baseline channel")
        ClassifierMetrics baselineRecommended) {
}
