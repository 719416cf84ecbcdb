package io.channelmind.optimizer.messaging;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code cm.customer-events} payload, schema version 1, read tolerantly: only the fields this
 * service uses are mapped and unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerEvent(
        int schemaVersion,
        String eventId,
        String type,
        String profileKey,
        String occurredAt,
        String channel,
        String campaign,
        BigDecimal value,
        Map<String, Object> traits,
        EventSource source) {

    /** Returns the import that produced the event, or null for events from other sources. */
    public String importId() {
        return source == null ? null : source.importId();
    }

    /**
     * Returns true when the event has schema version 1 and the fields needed to de-duplicate it
     * and credit a profile.
     */
    public boolean isApplicable() {
        return schemaVersion == Topics.SCHEMA_VERSION && hasText(eventId) && hasText(profileKey) && hasText(type);
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
