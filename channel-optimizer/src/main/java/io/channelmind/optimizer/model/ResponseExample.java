package io.channelmind.optimizer.model;

import java.util.Map;

/**
 * One contacted profile and channel: the profile's features, the channel and whether the
 * profile converted on it.
 *
 * @param features  profile features by name as text; a null or missing value counts as missing
 * @param attributes further attributes that only the bias report groups by, never model inputs
 */
public record ResponseExample(Map<String, String> features, String channel, boolean converted,
        Map<String, String> attributes) {

    public ResponseExample(Map<String, String> features, String channel, boolean converted) {
        this(features, channel, converted, Map.of());
    }

    /** Returns the value of a feature or attribute by name, or null when neither has it. */
    public String value(String name) {
        String value = features.get(name);
        return value != null ? value : attributes.get(name);
    }
}
