package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.repository.SourceRepository.ActiveKey;

class WriteKeyCacheTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock that a test moves forward by hand. */
    private static final class ManualClock extends Clock {

        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("The test clock has no other zone");
        }
    }

    private final ManualClock clock = new ManualClock();
    private final WriteKeyCache cache = new WriteKeyCache(Duration.ofSeconds(5), clock);

    @Test
    void currentKeyExpiresAfterTimeToLive() {
        cache.put("hash", new ActiveKey("web-shop", null), cache.generation());

        clock.advance(Duration.ofMillis(4999));
        assertEquals("web-shop", cache.find("hash"));

        clock.advance(Duration.ofMillis(1));
        assertNull(cache.find("hash"));
    }

    @Test
    void previousKeyExpiresWithItsGracePeriod() {
        cache.put("hash", new ActiveKey("web-shop", START.plusSeconds(2)), cache.generation());

        clock.advance(Duration.ofMillis(1999));
        assertEquals("web-shop", cache.find("hash"));

        clock.advance(Duration.ofMillis(1));
        assertNull(cache.find("hash"));
    }

    @Test
    void clearForgetsKeys() {
        cache.put("hash", new ActiveKey("web-shop", null), cache.generation());

        cache.clear();

        assertNull(cache.find("hash"));
    }

    @Test
    void lookupOverlappingClearIsNotStored() {
        long lookupGeneration = cache.generation();
        cache.clear();

        cache.put("hash", new ActiveKey("revoked-shop", null), lookupGeneration);

        assertNull(cache.find("hash"));
    }

    @Test
    void zeroTimeToLiveStoresNothing() {
        WriteKeyCache disabled = new WriteKeyCache(Duration.ZERO, clock);

        disabled.put("hash", new ActiveKey("web-shop", null), disabled.generation());

        assertNull(disabled.find("hash"));
    }

    @Test
    void fullCacheIsEmptiedBeforeAdding() {
        for (int i = 0; i < WriteKeyCache.MAX_ENTRIES; i++) {
            cache.put("hash-" + i, new ActiveKey("source-" + i, null), cache.generation());
        }

        cache.put("newest", new ActiveKey("newest-source", null), cache.generation());

        assertNull(cache.find("hash-0"));
        assertEquals("newest-source", cache.find("newest"));
    }
}
