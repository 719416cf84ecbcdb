package io.channelmind.automation.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateAndRetryTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30));

    @Test
    void bucketAllowsBurstThenRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(5, 10, now::get);

        for (int i = 0; i < 5; i++) {
            assertEquals(0, bucket.reserve(), "request " + i + " of the burst");
        }
        assertEquals(100_000_000L, bucket.reserve());
        assertEquals(200_000_000L, bucket.reserve());

        now.addAndGet(1_000_000_000L);
        // One second adds 10 tokens: 2 pay what was owed and the rest fill the bucket to its burst of 5.
        assertEquals(0, bucket.reserve());
        assertEquals(0, bucket.reserve());
        assertEquals(0, bucket.reserve());
        assertEquals(0, bucket.reserve());
        assertEquals(0, bucket.reserve());
        assertEquals(100_000_000L, bucket.reserve());
    }

    @Test
    void bucketNeverExceedsBurst() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, 1, now::get);

        now.addAndGet(60_000_000_000L);

        assertEquals(0, bucket.reserve());
        assertEquals(0, bucket.reserve());
        assertEquals(1_000_000_000L, bucket.reserve());
    }

    @Test
    void bucketPacesRealRequests() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1, 20);

        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            bucket.acquire();
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 490, "11 requests at 20/s with a burst of 1 took only " + elapsedMillis + " ms");
    }

    @Test
    void backoffGrowsWithJitterAndCap() {
        for (int run = 0; run < 100; run++) {
            long first = policy.delayAfter(1, Optional.empty()).orElseThrow().toMillis();
            long third = policy.delayAfter(3, Optional.empty()).orElseThrow().toMillis();
            long fourth = policy.delayAfter(4, Optional.empty()).orElseThrow().toMillis();
            assertTrue(first >= 50, "first delay " + first);
            assertTrue(first <= 100, "first delay " + first);
            assertTrue(third >= 200, "third delay " + third);
            assertTrue(third <= 400, "third delay " + third);
            assertTrue(fourth >= 400, "fourth delay " + fourth);
            assertTrue(fourth <= 800, "fourth delay " + fourth);
        }
        assertEquals(Optional.empty(), policy.delayAfter(5, Optional.empty()));
    }

    @Test
    void retryAfterReplacesBackoff() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.delayAfter(1, Optional.of(Duration.ofSeconds(7))));
        assertEquals(Optional.empty(), policy.delayAfter(1, Optional.of(Duration.ofMinutes(5))));
        assertEquals(Optional.empty(), policy.delayAfter(5, Optional.of(Duration.ofSeconds(1))));
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        java.time.Instant now = java.time.Instant.parse("2026-03-29T01:00:00Z");

        assertEquals(Optional.of(Duration.ofSeconds(120)), HttpSender.retryAfter("120", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), HttpSender.retryAfter("Sun, 29 Mar 2026 01:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), HttpSender.retryAfter("Sun, 29 Mar 2026 00:00:00 GMT", now));
        assertEquals(Optional.empty(), HttpSender.retryAfter("soon", now));
    }
}
