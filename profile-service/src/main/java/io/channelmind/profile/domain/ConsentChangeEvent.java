package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * One message of {@code cm.consent-changes} (schemaVersion 1): profile-service marked a profile
 * as not to be contacted, with the reason ({@code bounced}, {@code unsubscribed} or
 * {@code complained}) and the channel of the delivery that caused it.
 */
public record ConsentChangeEvent(
        int schemaVersion,
        String eventId,
        String profileKey,
        String channel,
        boolean doNotContact,
        String reason,
        String causeEventId,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
