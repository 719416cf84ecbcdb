package io.channelmind.automation.connector;

import java.util.function.LongSupplier;

/**
 * Token bucket rate limiter: holds up to {@code burst} tokens and gains {@code perSecond}
 * tokens a second. Each request takes one token, and a request that finds none waits until
 * the next token is due. Waiters are served in the order they reserved, so the long-run rate
 * never exceeds {@code perSecond}.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    TokenBucket(double burst, double perSecond, LongSupplier nanoTime) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be at least 1 and perSecond above 0, got burst "
                    + burst + " and perSecond " + perSecond);
        }
        this.burst = burst;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.updatedAt = nanoTime.getAsLong();
    }

    /**
     * Takes one token, possibly one that is not there yet, and returns how many nanoseconds the
     * caller must wait before using it (0 when a token was available).
     */
    public synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Takes one token, sleeping until it is due. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
