package io.channelmind.ingestion.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.channelmind.ingestion.repository.SourceRepository.ActiveKey;

/**
 * Remembers, for a time to live, which source a write key hash belongs to, so a tracking request
 * does not query the database for its key. Only accepted keys are stored, so unknown keys cannot
 * fill the cache. An entry expires after the time to live or when the key itself stops working
 * (a previous key after its rotation grace period), whichever comes first.
 *
 * <p>The cache does not see changes made by other replicas. A key revoked or replaced on another
 * replica keeps working here for at most the time to live. Changes made through this replica
 * call {@link #clear}, so they take effect here at once.
 */
final class WriteKeyCache {

    /** Above this many entries the cache is emptied, which bounds its memory. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String sourceName, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts the calls of {@link #clear}, so a lookup that overlapped one is not stored. */
    private final AtomicLong generation = new AtomicLong();
    private final Duration timeToLive;
    private final Clock clock;

    WriteKeyCache(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /** Returns the source of this key hash, or null when the cache has no unexpired entry for it. */
    String find(String keyHash) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(keyHash, entry);
            return null;
        }
        return entry.sourceName();
    }

    /** Returns the value to pass to {@link #put} for a database lookup that starts now. */
    long generation() {
        return generation.get();
    }

    /**
     * Stores a key that the database accepted in a lookup that started at {@code lookupGeneration}.
     * It stores nothing when {@link #clear} ran since then, because the lookup may have read the
     * key before a revocation, or when the time to live is zero.
     */
    void put(String keyHash, ActiveKey key, long lookupGeneration) {
        if (timeToLive.isZero() || timeToLive.isNegative()) {
            return;
        }
        Instant expiresAt = clock.instant().plus(timeToLive);
        if (key.validUntil() != null && key.validUntil().isBefore(expiresAt)) {
            expiresAt = key.validUntil();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(keyHash, new Entry(key.sourceName(), expiresAt));
        if (generation.get() != lookupGeneration) {
            entries.remove(keyHash);
        }
    }

    /** Forgets every key, after a source was revoked, rotated or given a configured key. */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
