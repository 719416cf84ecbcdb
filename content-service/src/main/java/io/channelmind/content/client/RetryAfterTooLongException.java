package io.channelmind.content.client;

import java.time.Duration;

/** The provider asked to wait longer than the configured maximum, so the call is given up. */
public class RetryAfterTooLongException extends RuntimeException {

    public RetryAfterTooLongException(Duration retryAfter, Duration maxWait) {
        super("the provider answered 429 and asked to wait " + retryAfter.toSeconds() + " s, more than the maximum of "
                + maxWait.toSeconds() + " s (channelmind.content.llm.retry-after.max-wait)");
    }
}
