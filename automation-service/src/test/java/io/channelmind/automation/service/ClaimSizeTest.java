package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClaimSizeTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Test
    void withoutRateLimitClaimsBatchSize() {
        assertEquals(500, SendDrainer.claimSize(500, 8, LEASE, Optional.empty(), 10));
    }

    @Test
    void rateLimitBoundsClaimToHalfLease() {
        // 10 at once plus 5 per second for 30 s.
        assertEquals(160, SendDrainer.claimSize(500, 8, LEASE, Optional.of(5.0), 10));
    }

    @Test
    void fastRateLimitKeepsBatchSize() {
        assertEquals(500, SendDrainer.claimSize(500, 8, LEASE, Optional.of(1000.0), 10));
    }

    @Test
    void slowRateLimitStillFillsOneGroup() {
        assertEquals(8, SendDrainer.claimSize(500, 8, LEASE, Optional.of(0.01), 1));
    }

    @Test
    void lowWaterIsQuarterPage() {
        assertEquals(125, SendDrainer.lowWater(500, 8));
    }

    @Test
    void lowWaterCoversWindow() {
        assertEquals(8, SendDrainer.lowWater(20, 8));
    }
}
