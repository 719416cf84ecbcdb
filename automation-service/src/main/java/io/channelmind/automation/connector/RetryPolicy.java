package io.channelmind.automation.connector;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry n (1-based) the delay is a random value
 * between half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}. A
 * {@code Retry-After} from the provider replaces the computed delay, capped at
 * {@code maxRetryAfter}; a longer request ends the retries, because waiting that long would
 * hold a send slot.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * Returns the delay before the next attempt after {@code attemptsMade} failed attempts, or
     * empty when no attempt is left or the provider asked for a longer wait than allowed.
     */
    public Optional<Duration> delayAfter(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            Duration requested = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return requested.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(requested);
        }
        long ceiling = initialBackoff.toMillis() << Math.min(attemptsMade - 1, 30);
        long capped = Math.min(Math.max(ceiling, 0), maxBackoff.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Optional.of(Duration.ofMillis(jittered));
    }
}
