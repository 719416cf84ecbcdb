package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One message of {@code cm.customer-events} (schemaVersion 1), read tolerantly: unknown fields
 * are ignored and every field may be missing, so {@link #isComplete()} decides whether the event
 * can be applied. {@code userId}, {@code anonymousId}, {@code previousId}, {@code event} and
 * {@code properties} are only on events from tracking calls.
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
        EventSource source,
        String userId,
        String anonymousId,
        String previousId,
        String event,
        Map<String, Object> properties) {

    public static final String IDENTIFY = "identify";
    public static final String CONTACT = "contact";
    public static final String CONVERSION = "conversion";
    public static final String ALIAS = "alias";
    public static final String CANCELLATION = "cancellation";
    /** A tracking call's action; profile-service reads only the interest texts of its {@code properties}. */
    public static final String TRACK = "track";

    /** Returns this event with {@code personal} added to its traits, such as the decrypted {@code sealedTraits}. */
    public CustomerEvent withTraits(Map<String, String> personal) {
        Map<String, Object> merged = new LinkedHashMap<>(traits == null ? Map.of() : traits);
        merged.putAll(personal);
        return new CustomerEvent(schemaVersion, eventId, type, profileKey, occurredAt, channel, campaign, value, currency,
                merged, source, userId, anonymousId, previousId, event, properties);
    }

    /** Returns whether the fields that every event type needs are present. */
    public boolean isComplete() {
        return notBlank(eventId) && notBlank(type) && notBlank(profileKey) && occurredAt != null;
    }

    public boolean isKnownType() {
        return IDENTIFY.equals(type) || CONTACT.equals(type) || CONVERSION.equals(type) || ALIAS.equals(type)
                || CANCELLATION.equals(type);
    }

    /** Returns whether the event comes from a tracking call that had an {@code anonymousId} but no {@code userId}. */
    public boolean isAnonymous() {
        return notBlank(anonymousId) && !notBlank(userId);
    }

    /**
     * Returns the profile key of the id that this event links to {@link #profileKey()} as the
     * same person. For {@code alias} it is the {@code previousId}, and for other types with both a
     * {@code userId} and an {@code anonymousId} it is the {@code anonymousId}. Returns null when
     * there is none or the event has no tracking source name to build the key from.
     */
    public String linkedProfileKey() {
        String sourceName = source == null ? null : source.name();
        if (!notBlank(sourceName)) {
            return null;
        }
        if (ALIAS.equals(type)) {
            return notBlank(previousId) ? sourceName + ':' + previousId : null;
        }
        if (notBlank(userId) && notBlank(anonymousId)) {
            return sourceName + ':' + anonymousId;
        }
        return null;
    }

    /** Returns the import that produced the event, or null for events that do not come from an import. */
    public String importId() {
        return source == null || !notBlank(source.importId()) ? null : source.importId();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
