package io.channelmind.profile.privacy;

import java.time.Instant;
import java.util.List;

/**
 * One message of {@code cm.privacy-requests} (schemaVersion 1), keyed by request id: every
 * service exports or erases what it stores for the profile keys and identity hashes. The hashes
 * are the lower-case hex SHA-256 of the normalised e-mail addresses and phone numbers, so the
 * topic carries no contact point in clear text.
 */
public record PrivacyRequestEvent(
        int schemaVersion,
        String eventId,
        String requestId,
        String kind,
        List<String> profileKeys,
        List<String> identityHashes,
        Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String EXPORT = "export";
    public static final String ERASURE = "erasure";
}
