package io.channelmind.web.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void burstThenWaitPasses() {
        TokenBuckets buckets = new TokenBuckets(3, 2.0, 100, now::get);

        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, buckets.take("a"), "request " + i + " of the burst");
        }
        Duration wait = buckets.take("a");
        assertEquals(Duration.ofMillis(500), wait, "one token refills in half a second at 2 a second");

        now.addAndGet(wait.toNanos());
        assertEquals(Duration.ZERO, buckets.take("a"), "the request after the wait");
        assertTrue(buckets.take("a").compareTo(Duration.ZERO) > 0, "the bucket is empty again");
    }

    @Test
    void keysHaveSeparateBuckets() {
        TokenBuckets buckets = new TokenBuckets(1, 1.0, 100, now::get);

        assertEquals(Duration.ZERO, buckets.take("a"));
        assertTrue(buckets.take("a").compareTo(Duration.ZERO) > 0, "a is empty");
        assertEquals(Duration.ZERO, buckets.take("b"), "b has its own bucket");
    }

    @Test
    void refillStopsAtCapacity() {
        TokenBuckets buckets = new TokenBuckets(2, 1.0, 100, now::get);
        buckets.take("a");

        now.addAndGet(Duration.ofHours(1).toNanos());

        assertEquals(Duration.ZERO, buckets.take("a"));
        assertEquals(Duration.ZERO, buckets.take("a"));
        assertTrue(buckets.take("a").compareTo(Duration.ZERO) > 0, "an idle hour fills only the capacity");
    }

    @Test
    void keysBeyondMaximumEvictOldest() {
        TokenBuckets buckets = new TokenBuckets(1, 1.0, 2, now::get);

        buckets.take("a");
        buckets.take("b");
        buckets.take("c");

        assertEquals(2, buckets.size());
        assertEquals(Duration.ZERO, buckets.take("a"), "a was dropped, so it starts with a full bucket");
    }
}
