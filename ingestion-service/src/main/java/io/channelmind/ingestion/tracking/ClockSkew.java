package io.channelmind.ingestion.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * Segment's clock-skew correction. A device clock may be off, but the time between the call's
 * {@code timestamp} and its {@code sentAt} was measured on that one clock, so the call happened
 * that long before the server received it: {@code receivedAt - (sentAt - timestamp)}.
 */
public final class ClockSkew {

    private ClockSkew() {
    }

    /**
     * Returns the corrected time of a call: as above when both {@code timestamp} and {@code sentAt}
     * are set, the timestamp as sent when only it is set, and {@code receivedAt} when the call has
     * no timestamp.
     */
    public static Instant correct(Instant timestamp, Instant sentAt, Instant receivedAt) {
        if (timestamp == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return timestamp;
        }
        return receivedAt.minus(Duration.between(timestamp, sentAt));
    }
}
