package io.channelmind.automation.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One cm.consent-changes message (schema version 1) as this service reads it: a consent state for
 * a channel and purpose, a do-not-contact mark, or the clearing of a mark. {@code channel} is null
 * for marks and clears that cover every channel.
 */
public record ConsentChange(Kind kind, String eventId, String profileKey, String channel, String purpose,
        String state, String reason, Instant at) {

    /** Kind of change: a consent state, a do-not-contact mark, or the clearing of a mark. */
    public enum Kind {
        CONSENT, MARK, CLEAR
    }

    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";
    public static final String WITHDRAWN = "withdrawn";
    /** Reason stored for a mark whose message names none, so the mark still stops sends. */
    static final String UNSPECIFIED_REASON = "unspecified";

    private static final Set<String> STATES = Set.of(PENDING, CONFIRMED, WITHDRAWN);

    /**
     * Parses a payload and throws IllegalArgumentException naming the invalid field. Unknown
     * fields are ignored, because producers add fields without raising the schema version.
     */
    public static ConsentChange parse(String payload) {
        JsonNode event = Payloads.readVersion1(payload);

        String eventId = Payloads.required(event, "eventId", "message");
        String profileKey = Payloads.required(event, "profileKey", eventId);
        Instant at = Payloads.instant(event, "at", eventId);
        String channel = lowerCase(Payloads.optional(event, "channel"));
        String purpose = lowerCase(Payloads.optional(event, "purpose"));

        if (purpose != null) {
            if (channel == null) {
                throw new IllegalArgumentException("event " + eventId + ": channel is missing for a consent change");
            }
            String state = lowerCase(Payloads.optional(event, "state"));
            if (state == null || !STATES.contains(state)) {
                throw new IllegalArgumentException("event " + eventId + ": state " + event.path("state")
                        + " is not one of " + STATES);
            }
            return new ConsentChange(Kind.CONSENT, eventId, profileKey, channel, purpose, state, null, at);
        }
        if (event.path("doNotContact").asBoolean(false)) {
            String reason = Payloads.optional(event, "reason");
            return new ConsentChange(Kind.MARK, eventId, profileKey, channel, null, null,
                    reason == null ? UNSPECIFIED_REASON : reason, at);
        }
        return new ConsentChange(Kind.CLEAR, eventId, profileKey, channel, null, null, null, at);
    }

    private static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
