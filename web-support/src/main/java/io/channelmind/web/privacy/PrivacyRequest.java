package io.channelmind.web.privacy;

import java.time.Instant;
import java.util.List;

/**
 * One message of {@code cm.privacy-requests} (schemaVersion 1): export or erase what a service
 * stores for the profile keys and identity hashes (SHA-256 of normalised e-mail addresses and
 * phone numbers).
 */
public record PrivacyRequest(
        int schemaVersion,
        String eventId,
        String requestId,
        String kind,
        List<String> profileKeys,
        List<String> identityHashes,
        Instant requestedAt) {

    public static final String EXPORT = "export";
    public static final String ERASURE = "erasure";

    /** Returns true when the request has an id, a known kind and at least one profile key. */
    public boolean isComplete() {
        return requestId != null && (EXPORT.equals(kind) || ERASURE.equals(kind))
                && profileKeys != null && !profileKeys.isEmpty();
    }

    /** Returns the identity hashes, empty when the request has none. */
    public List<String> hashes() {
        return identityHashes == null ? List.of() : identityHashes;
    }
}
