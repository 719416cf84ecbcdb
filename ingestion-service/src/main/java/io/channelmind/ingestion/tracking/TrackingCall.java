package io.channelmind.ingestion.tracking;

import java.time.Instant;

/**
 * One validated tracking call. {@code occurredAt} is the skew-corrected time and
 * {@code originalTimestamp} the client's {@code timestamp} as sent (null when it sent none).
 * The JSON objects are compact JSON in the request's buffer, and empty, never null, when the
 * call has none.
 */
record TrackingCall(
        CallType type,
        String messageId,
        String userId,
        String anonymousId,
        String event,
        String name,
        String previousId,
        String groupId,
        CompactObject traits,
        CompactObject properties,
        CallContext context,
        Instant occurredAt,
        Instant originalTimestamp,
        Instant receivedAt) {

    /** Returns the id the profile key is built from: userId when set, else anonymousId. */
    public String identity() {
        return userId != null ? userId : anonymousId;
    }
}
