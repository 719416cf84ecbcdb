package io.channelmind.content.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the model's accepted copy for identical briefs, so that the same request within the
 * time to live costs no second model call. Two requests are identical when everything the
 * prompt contains or the checks use is equal: channel, language, brief, audience figures and
 * options (SMS segments, brand, industry, variant number). Campaign and segment are not part
 * of the key, because the prompt never contains them. The least recently used entry goes first
 * when the cache is full. Hits and misses are counted in {@value #COUNTER}.
 */
@ApplicationScoped
public class BriefCache {

    public static final String COUNTER = "channelmind.content.llm.cache";

    private final Map<Key, Entry> entries;
    private final Duration timeToLive;
    private final int maxEntries;
    private final MeterRegistry registry;
    private final Clock clock;

    @Inject
    public BriefCache(@ConfigProperty(name = "channelmind.content.llm.cache.time-to-live") Duration timeToLive,
            @ConfigProperty(name = "channelmind.content.llm.cache.max-entries") int maxEntries, MeterRegistry registry) {
        this(timeToLive, maxEntries, registry, Clock.systemUTC());
    }

    BriefCache(Duration timeToLive, int maxEntries, MeterRegistry registry, Clock clock) {
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.registry = registry;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Returns the cached copy for an identical request that is younger than the time to live. */
    public synchronized Optional<GeneratedCopy> find(CopySpec spec) {
        Key key = Key.of(spec);
        Entry entry = entries.get(key);
        if (entry != null && entry.storedAt().plus(timeToLive).isAfter(clock.instant())) {
            registry.counter(COUNTER, "outcome", "hit").increment();
            return Optional.of(entry.copy());
        }
        if (entry != null) {
            entries.remove(key);
        }
        registry.counter(COUNTER, "outcome", "miss").increment();
        return Optional.empty();
    }

    /** Stores the model's accepted copy for a request; does nothing when the cache is disabled (0 entries). */
    public synchronized void put(CopySpec spec, GeneratedCopy copy) {
        if (maxEntries <= 0) {
            return;
        }
        entries.put(Key.of(spec), new Entry(copy, clock.instant()));
        while (entries.size() > maxEntries) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    private record Key(String channel, String locale, Object brief, Object audience, Object options) {

        static Key of(CopySpec spec) {
            return new Key(spec.channel(), spec.locale().tag(), spec.brief(), spec.audience(), spec.options());
        }
    }

    private record Entry(GeneratedCopy copy, Instant storedAt) {
    }
}
