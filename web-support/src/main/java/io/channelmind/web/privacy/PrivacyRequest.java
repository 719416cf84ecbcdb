package io.channelmind.web.privacy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One message of {@code cm.privacy-requests} (schemaVersion 1), keyed by request id: every
 * service exports or erases what it stores for the profile keys and identity hashes. The hashes
 * are the lower-case hex SHA-256 of the normalised e-mail addresses and phone numbers, so the
 * topic carries no contact point in clear text. profile-service sends it and the other services
 * consume it.
 */
public record PrivacyRequest(
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

    /** Returns true when the request has an id, a known kind and at least one profile key. */
    @JsonIgnore
    public boolean isComplete() {
        return requestId != null && (EXPORT.equals(kind) || ERASURE.equals(kind))
                && profileKeys != null && !profileKeys.isEmpty();
    }

    /** Returns the identity hashes, empty when the request has none. */
    public List<String> hashes() {
        return identityHashes == null ? List.of() : identityHashes;
    }
}
