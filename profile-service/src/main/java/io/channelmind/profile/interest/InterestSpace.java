package io.channelmind.profile.interest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;

/**
 * The language-independent interest space. bge-small-zh v1.5 (512 dimensions) embeds Chinese
 * text and all-MiniLM-L6-v2 (384 dimensions) embeds English text, so their vectors cannot be
 * compared directly. Every anchor label is therefore embedded once per model, from its
 * descriptions in that model's language, and a text is represented by its cosine similarities
 * to the anchors of its own language's model. The similarities are standardised over the labels
 * (minus their mean, divided by their standard deviation), because the two models have
 * different similarity baselines, and then turned into a distribution over the labels by a
 * softmax with the configured temperature. Two texts on the same theme thus get similar
 * distributions whatever their languages.
 */
public final class InterestSpace {

    /** Names of the two models, part of the vectors' model version. */
    static final String MODELS = "bge-small-zh-v1.5+all-minilm-l6-v2";

    private final AnchorSet anchors;
    private final double temperature;
    /** Computed once, because the repository reads it for every profile row it loads or writes. */
    private final String modelVersion;
    private final Map<TextLanguage, EmbeddingModel> models = new EnumMap<>(TextLanguage.class);
    private final Map<TextLanguage, float[][]> anchorVectors = new EnumMap<>(TextLanguage.class);

    /**
     * Loads both models from their jars and embeds the anchors. Takes a few seconds, and the two
     * ONNX sessions hold their model files (95 MB and 90 MB) outside the Java heap.
     */
    public static InterestSpace load(AnchorSet anchors, double temperature) {
        return new InterestSpace(anchors, temperature, new BgeSmallZhV15EmbeddingModel(),
                new AllMiniLmL6V2EmbeddingModel());
    }

    InterestSpace(AnchorSet anchors, double temperature, EmbeddingModel chinese, EmbeddingModel english) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("Interest softmax temperature must be positive, got " + temperature);
        }
        this.anchors = anchors;
        this.temperature = temperature;
        this.modelVersion = MODELS + ";anchors=" + anchors.fingerprint() + ";t=" + temperature;
        models.put(TextLanguage.CHINESE, chinese);
        models.put(TextLanguage.ENGLISH, english);
        for (TextLanguage language : TextLanguage.values()) {
            anchorVectors.put(language, embedAnchors(language));
        }
    }

    public AnchorSet anchors() {
        return anchors;
    }

    /** Returns the model version stored with each vector: the models, the anchor set and the temperature. */
    public String modelVersion() {
        return modelVersion;
    }

    /** Returns the model that embeds texts in {@code language}. */
    public EmbeddingModel model(TextLanguage language) {
        return models.get(language);
    }

    /**
     * Maps each text to its distribution over the anchor labels, in the order of the texts. The
     * texts of each language go to their model in one call, which embeds them in parallel.
     */
    public List<double[]> encode(List<String> texts) {
        List<double[]> result = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            result.add(null);
        }
        for (TextLanguage language : TextLanguage.values()) {
            List<Integer> positions = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (TextLanguage.detect(texts.get(i)) == language) {
                    positions.add(i);
                    segments.add(TextSegment.from(texts.get(i)));
                }
            }
            if (segments.isEmpty()) {
                continue;
            }
            List<Embedding> embeddings = models.get(language).embedAll(segments).content();
            for (int j = 0; j < positions.size(); j++) {
                result.set(positions.get(j), project(language, embeddings.get(j).vector()));
            }
        }
        return result;
    }

    /** Maps the embedding of a text in {@code language} to its distribution over the labels. */
    double[] project(TextLanguage language, float[] embedding) {
        float[][] anchorsOfLanguage = anchorVectors.get(language);
        int labels = anchorsOfLanguage.length;
        float[] unit = normalised(embedding);
        double[] similarity = new double[labels];
        double mean = 0;
        for (int j = 0; j < labels; j++) {
            similarity[j] = dot(unit, anchorsOfLanguage[j]);
            mean += similarity[j];
        }
        mean /= labels;
        double variance = 0;
        for (double value : similarity) {
            variance += (value - mean) * (value - mean);
        }
        double deviation = Math.sqrt(variance / labels);
        double[] distribution = new double[labels];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels; j++) {
            // Identical similarities (deviation 0) give the uniform distribution.
            distribution[j] = deviation == 0 ? 0 : (similarity[j] - mean) / deviation / temperature;
            max = Math.max(max, distribution[j]);
        }
        double sum = 0;
        for (int j = 0; j < labels; j++) {
            distribution[j] = Math.exp(distribution[j] - max);
            sum += distribution[j];
        }
        for (int j = 0; j < labels; j++) {
            distribution[j] /= sum;
        }
        return distribution;
    }

    /** Embeds each label's descriptions in {@code language} and keeps their normalised mean. */
    private float[][] embedAnchors(TextLanguage language) {
        EmbeddingModel model = models.get(language);
        float[][] vectors = new float[anchors.anchors().size()][];
        for (int j = 0; j < vectors.length; j++) {
            List<TextSegment> descriptions = anchors.anchors().get(j).descriptions(language).stream()
                    .map(TextSegment::from)
                    .toList();
            float[] mean = null;
            for (Embedding embedding : model.embedAll(descriptions).content()) {
                float[] unit = normalised(embedding.vector());
                if (mean == null) {
                    mean = new float[unit.length];
                }
                for (int d = 0; d < unit.length; d++) {
                    mean[d] += unit[d];
                }
            }
            vectors[j] = normalised(mean);
        }
        return vectors;
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
