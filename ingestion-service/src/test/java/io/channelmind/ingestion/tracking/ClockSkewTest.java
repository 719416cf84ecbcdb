package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ClockSkewTest {

    private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void fastDeviceClockIsCorrected() {
        Instant timestamp = Instant.parse("2024-05-01T11:00:00Z");
        Instant sentAt = Instant.parse("2024-05-01T11:00:30Z");

        assertEquals(Instant.parse("2024-05-01T09:59:30Z"), ClockSkew.correct(timestamp, sentAt, RECEIVED));
    }

    @Test
    void timestampWithoutSentAtIsKept() {
        Instant timestamp = Instant.parse("2024-05-01T09:00:00Z");

        assertEquals(timestamp, ClockSkew.correct(timestamp, null, RECEIVED));
    }

    @Test
    void missingTimestampMeansReceipt() {
        assertEquals(RECEIVED, ClockSkew.correct(null, Instant.parse("2024-05-01T09:00:00Z"), RECEIVED));
    }
}
