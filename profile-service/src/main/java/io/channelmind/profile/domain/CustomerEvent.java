package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One message of {@code cm.customer-events} (schemaVersion 1), read tolerantly: unknown fields
 * are ignored and every field may be missing, so {@link #isComplete()} decides whether the event
 * can be applied.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerEvent(
        Integer schemaVersion,
        String eventId,
        String type,
        String profileKey,
        Instant occurredAt,
        String channel,
        String campaign,
        BigDecimal value,
        String currency,
        Map<String, Object> traits,
        EventSource source) {

    public static final String IDENTIFY = "identify";
    public static final String CONTACT = "contact";
    public static final String CONVERSION = "conversion";

    /** Returns whether the fields that every event type needs are present. */
    public boolean isComplete() {
        return notBlank(eventId) && notBlank(type) && notBlank(profileKey) && occurredAt != null;
    }

    public boolean isKnownType() {
        return IDENTIFY.equals(type) || CONTACT.equals(type) || CONVERSION.equals(type);
    }

    /** Returns the import that produced the event, or null for events that do not come from an import. */
    public String importId() {
        return source == null || !notBlank(source.importId()) ? null : source.importId();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
