package io.channelmind.web.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key, that refill at a fixed rate up to their capacity. The number of
 * buckets is bounded: past {@code maxKeys}, the bucket used longest ago is dropped, and a
 * dropped key starts again with a full bucket.
 */
public final class TokenBuckets {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    /**
     * Creates buckets that hold {@code capacity} tokens and gain {@code perSecond} tokens a second.
     * {@code nanoTime} is the clock, {@link System#nanoTime} outside tests.
     */
    public TokenBuckets(int capacity, double perSecond, int maxKeys, LongSupplier nanoTime) {
        if (capacity < 1 || perSecond <= 0 || maxKeys < 1) {
            throw new IllegalArgumentException("capacity, rate and maxKeys must be positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Takes a token from the key's bucket. Returns {@link Duration#ZERO} when the request may pass,
     * or how long to wait until the bucket contains a token again.
     */
    public synchronized Duration take(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, unused -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * tokensPerNano);
        bucket.updatedAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano));
    }

    /** Returns how many keys have a bucket now. */
    public synchronized int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
