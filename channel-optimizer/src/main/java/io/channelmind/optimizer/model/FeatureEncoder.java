package io.channelmind.optimizer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Turns profile features and a channel into one row of the response model's design matrix.
 *
 * <p>Numeric features are standardised with the training mean and standard deviation, and a
 * missing value becomes the mean. Text features are one-hot encoded, one column per level seen
 * in training; an unseen or missing level sets no column. The row is the intercept, the
 * features, one column per channel and the features again once per channel (the interaction
 * with the channel), so the model can rank channels differently for different profiles while
 * the L2 penalty pulls each channel's deviation toward the shared effect.
 *
 * <p>The profile's interest embedding enters as numeric features named {@link #INTEREST_PREFIX}
 * plus the label (see {@link #withInterests}). profile-service reduces the frozen BERT-family
 * encoders' 384- or 512-dimensional sentence vectors to one share per labelled anchor (18 labels
 * in anchors v1), so the logistic regression on top is a trained head of fixed size over the
 * frozen encoders. A profile without a vector gets the training mean, like any missing number.
 */
@Schema(description = "How profile features become model inputs")
public record FeatureEncoder(
        @Schema(description = "Numeric features with the training mean and standard deviation")
        List<NumericFeature> numeric,
        @Schema(description = "Text features with the levels seen in training")
        List<CategoricalFeature> categorical,
        @Schema(description = "Channels the model was trained on") List<String> channels) {

    /**
     * Features that are never model inputs: {@code duration} (the length of the call, known only
     * after the outcome and so leaking it) and contact points or identifiers, which say who a
     * customer is rather than how they respond.
     */
    public static final Set<String> EXCLUDED = Set.of("duration", "email", "phone", "firstName", "lastName", "name",
            "emailSha256", "phoneSha256", "consent", "userId", "anonymousId", "profileKey");

    /** Name prefix of the interest embedding's features, such as {@code interest.outdoor}. */
    public static final String INTEREST_PREFIX = "interest.";

    /** Text features with more levels than this are identifiers or free text and are left out. */
    public static final int MAX_LEVELS = 50;

    /** A standardised numeric feature. */
    public record NumericFeature(String name, double mean, double standardDeviation) {
    }

    /** A one-hot encoded text feature. */
    public record CategoricalFeature(String name, List<String> levels) {
    }

    /**
     * Learns the encoding from the training examples. A feature whose every present value parses
     * as a finite number is numeric; any other is text.
     */
    public static FeatureEncoder fit(List<ResponseExample> examples) {
        Map<String, List<String>> valuesByFeature = new TreeMap<>();
        Set<String> channels = new TreeSet<>();
        for (ResponseExample example : examples) {
            channels.add(example.channel());
            example.features().forEach((name, value) -> {
                if (value != null && !value.isBlank() && !EXCLUDED.contains(name)) {
                    valuesByFeature.computeIfAbsent(name, key -> new ArrayList<>()).add(value.trim());
                }
            });
        }

        List<NumericFeature> numeric = new ArrayList<>();
        List<CategoricalFeature> categorical = new ArrayList<>();
        valuesByFeature.forEach((name, values) -> {
            double[] numbers = parseAll(values);
            if (numbers != null) {
                numeric.add(standardise(name, numbers));
                return;
            }
            Set<String> levels = new TreeSet<>(values);
            if (levels.size() <= MAX_LEVELS) {
                categorical.add(new CategoricalFeature(name, List.copyOf(levels)));
            }
        });
        return new FeatureEncoder(List.copyOf(numeric), List.copyOf(categorical), List.copyOf(channels));
    }

    /**
     * Returns the features with the interest vector appended as {@code interest.<label>}, one
     * share per label. Features that already carry the prefix (identify traits of that name)
     * are dropped first, so only the export's vector fills those columns. A null vector appends nothing.
     */
    public static Map<String, String> withInterests(Map<String, String> features, List<String> labels,
            double[] vector) {
        Map<String, String> combined = withoutInterests(features);
        if (vector != null) {
            for (int i = 0; i < labels.size(); i++) {
                combined.put(INTEREST_PREFIX + labels.get(i), Double.toString(vector[i]));
            }
        }
        return combined;
    }

    /** Returns the features without any whose name starts with {@link #INTEREST_PREFIX}. */
    public static Map<String, String> withoutInterests(Map<String, String> features) {
        Map<String, String> kept = new TreeMap<>();
        features.forEach((name, value) -> {
            if (!name.startsWith(INTEREST_PREFIX)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** Returns true when the interest embedding is among the inputs. */
    public boolean usesInterests() {
        return numeric.stream().anyMatch(feature -> feature.name().startsWith(INTEREST_PREFIX));
    }

    /** Returns the names of the features used as inputs, numeric first. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        numeric.forEach(feature -> names.add(feature.name()));
        categorical.forEach(feature -> names.add(feature.name()));
        return names;
    }

    /** Returns the number of columns that the features take before the channel columns. */
    int baseWidth() {
        int width = numeric.size();
        for (CategoricalFeature feature : categorical) {
            width += feature.levels().size();
        }
        return width;
    }

    /** Returns the width of the design matrix. */
    int width() {
        return 1 + baseWidth() + channels.size() * (1 + baseWidth());
    }

    /** Returns the position of the channel, or -1 when the model was not trained on it. */
    int channelIndex(String channel) {
        return channels.indexOf(channel);
    }

    /** Encodes the features for a channel the model was trained on (see {@link #channelIndex}). */
    SparseRow encode(Map<String, String> features, int channelIndex) {
        Map<Integer, Double> base = baseColumns(features);
        int baseWidth = baseWidth();
        int channelColumn = 1 + baseWidth + channelIndex;
        int interactionStart = 1 + baseWidth + channels.size() + channelIndex * baseWidth;

        int size = 2 + 2 * base.size();
        int[] indices = new int[size];
        double[] values = new double[size];
        indices[0] = 0;
        values[0] = 1.0;
        int k = 1;
        for (Map.Entry<Integer, Double> column : base.entrySet()) {
            indices[k] = 1 + column.getKey();
            values[k++] = column.getValue();
        }
        indices[k] = channelColumn;
        values[k++] = 1.0;
        for (Map.Entry<Integer, Double> column : base.entrySet()) {
            indices[k] = interactionStart + column.getKey();
            values[k++] = column.getValue();
        }
        return new SparseRow(indices, values);
    }

    // Keyed by the position among the feature columns; zero values are left out.
    private Map<Integer, Double> baseColumns(Map<String, String> features) {
        Map<Integer, Double> columns = new TreeMap<>();
        int position = 0;
        for (NumericFeature feature : numeric) {
            Double number = parse(features.get(feature.name()));
            if (number != null && feature.standardDeviation() > 0) {
                double z = (number - feature.mean()) / feature.standardDeviation();
                if (z != 0.0) {
                    columns.put(position, z);
                }
            }
            position++;
        }
        for (CategoricalFeature feature : categorical) {
            String value = features.get(feature.name());
            int level = value == null ? -1 : feature.levels().indexOf(value.trim());
            if (level >= 0) {
                columns.put(position + level, 1.0);
            }
            position += feature.levels().size();
        }
        return columns;
    }

    private static NumericFeature standardise(String name, double[] numbers) {
        double sum = 0.0;
        for (double number : numbers) {
            sum += number;
        }
        double mean = sum / numbers.length;
        double squares = 0.0;
        for (double number : numbers) {
            squares += (number - mean) * (number - mean);
        }
        return new NumericFeature(name, mean, Math.sqrt(squares / numbers.length));
    }

    private static double[] parseAll(List<String> values) {
        double[] numbers = new double[values.size()];
        Map<String, Double> cache = new HashMap<>();
        for (int i = 0; i < numbers.length; i++) {
            Double number = cache.computeIfAbsent(values.get(i), FeatureEncoder::parse);
            if (number == null) {
                return null;
            }
            numbers[i] = number;
        }
        return numbers;
    }

    private static Double parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(text.trim());
            return Double.isFinite(number) ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
