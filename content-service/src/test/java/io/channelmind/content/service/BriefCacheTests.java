package io.channelmind.content.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopyOptions;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class BriefCacheTests {

    private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");
    private static final GeneratedCopy COPY = new GeneratedCopy(GeneratedCopy.LLM, "test-model", null,
            "Aurora Savings: 3.5% a year. Reply STOP to opt out", List.of(), List.of());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void identicalRequestIsServedFromCache() {
        BriefCache cache = cache(Clock.fixed(START, ZoneOffset.UTC), 10);

        cache.put(spec("spring", "Aurora Savings", 1), COPY);

        assertEquals(COPY, cache.find(spec("summer", "Aurora Savings", 1)).orElseThrow());
        assertEquals(1.0, registry.counter(BriefCache.COUNTER, "outcome", "hit").count());
    }

    @Test
    void differentBriefOrVariantMisses() {
        BriefCache cache = cache(Clock.fixed(START, ZoneOffset.UTC), 10);

        cache.put(spec("spring", "Aurora Savings", 1), COPY);

        assertTrue(cache.find(spec("spring", "Borealis Card", 1)).isEmpty());
        assertTrue(cache.find(spec("spring", "Aurora Savings", 2)).isEmpty());
    }

    @Test
    void expiredEntryMisses() {
        MutableClock clock = new MutableClock();
        BriefCache cache = cache(clock, 10);
        cache.put(spec("spring", "Aurora Savings", 1), COPY);

        clock.now = START.plus(Duration.ofMinutes(11));

        assertTrue(cache.find(spec("spring", "Aurora Savings", 1)).isEmpty());
    }

    @Test
    void leastRecentlyUsedEntryIsEvicted() {
        BriefCache cache = cache(Clock.fixed(START, ZoneOffset.UTC), 2);
        cache.put(spec("spring", "A", 1), COPY);
        cache.put(spec("spring", "B", 1), COPY);
        cache.find(spec("spring", "A", 1));

        cache.put(spec("spring", "C", 1), COPY);

        assertTrue(cache.find(spec("spring", "A", 1)).isPresent());
        assertTrue(cache.find(spec("spring", "B", 1)).isEmpty());
    }

    @Test
    void zeroEntriesDisablesCache() {
        BriefCache cache = cache(Clock.fixed(START, ZoneOffset.UTC), 0);

        cache.put(spec("spring", "Aurora Savings", 1), COPY);

        assertTrue(cache.find(spec("spring", "Aurora Savings", 1)).isEmpty());
    }

    private BriefCache cache(Clock clock, int maxEntries) {
        return new BriefCache(Duration.ofMinutes(10), maxEntries, registry, clock);
    }

    private static CopySpec spec(String campaign, String product, int variant) {
        return new CopySpec(campaign, null, "sms", ChannelFormat.SMS, CopyLocale.EN, new CopyBrief(product, "3.5% a year", null, null),
                AudienceSummary.unknown(), new CopyOptions(1, null, null, variant));
    }

    private static final class MutableClock extends Clock {

        private Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
