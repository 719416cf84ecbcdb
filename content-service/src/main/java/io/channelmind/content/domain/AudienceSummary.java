package io.channelmind.content.domain;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Aggregate figures about the audience of a copy, such as its size and conversion rate.
 * It never describes one person; request validation rejects values that look like personal
 * data.
 *
 * @param size number of profiles in the audience, or null when unknown
 * @param features feature name to a number, boolean or short label
 */
public record AudienceSummary(Long size, Map<String, Object> features) {

    /** Conversion rate (0 to 1) from which the template copywriter thanks loyal audiences. */
    public static final String CONVERSION_RATE = "conversionRate";
    /** Mean days since the last activity, from which the template greets lapsed audiences. */
    public static final String RECENCY_DAYS = "recencyDays";

    private static final double LOYAL_CONVERSION_RATE = 0.15;
    private static final double LAPSED_RECENCY_DAYS = 90;

    public AudienceSummary {
        features = features == null ? Map.of() : Map.copyOf(features);
    }

    public static AudienceSummary unknown() {
        return new AudienceSummary(null, Map.of());
    }

    public Optional<Double> number(String feature) {
        return features.get(feature) instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
    }

    /** Chooses the greeting tone from the conversion rate first, then from recency. */
    public AudienceTone tone() {
        if (number(CONVERSION_RATE).filter(rate -> rate >= LOYAL_CONVERSION_RATE).isPresent()) {
            return AudienceTone.LOYAL;
        }
        if (number(RECENCY_DAYS).filter(days -> days >= LAPSED_RECENCY_DAYS).isPresent()) {
            return AudienceTone.LAPSED;
        }
        return AudienceTone.GENERAL;
    }

    /** Returns the figures as `name: value` lines in name order, or `(none)`. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (size != null) {
            text.append("size: ").append(size).append('\n');
        }
        text.append(features.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n")));
        String description = text.toString().strip();
        return description.isEmpty() ? "(none)" : description;
    }

    /** How the template copywriter greets an audience. */
    public enum AudienceTone {
        LOYAL,
        LAPSED,
        GENERAL
    }
}
