package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * One message of {@code cm.consent-changes} (schemaVersion 1). A do-not-contact change has
 * {@code doNotContact} true with the reason ({@code bounced}, {@code unsubscribed},
 * {@code complained} or {@code manual}), or false when the mark was cleared. A consent change has
 * {@code purpose} and {@code state} ({@code pending}, {@code confirmed} or {@code withdrawn}).
 * {@code actor} and {@code note} are set for changes made through the API.
 */
public record ConsentChangeEvent(
        int schemaVersion,
        String eventId,
        String profileKey,
        String channel,
        boolean doNotContact,
        String reason,
        String causeEventId,
        Instant at,
        String purpose,
        String state,
        String actor,
        String note) {

    public static final int SCHEMA_VERSION = 1;

    /** A do-not-contact mark caused by a delivery event. */
    public ConsentChangeEvent(int schemaVersion, String eventId, String profileKey, String channel,
            boolean doNotContact, String reason, String causeEventId, Instant at) {
        this(schemaVersion, eventId, profileKey, channel, doNotContact, reason, causeEventId, at, null, null, null, null);
    }
}
