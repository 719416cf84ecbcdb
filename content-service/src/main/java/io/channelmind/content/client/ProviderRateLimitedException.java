package io.channelmind.content.client;

import java.time.Duration;

import dev.langchain4j.exception.NonRetriableException;

/**
 * The provider responded with 429 and asked, with {@code Retry-After}, to wait before the next
 * request. It extends {@link NonRetriableException} so that langchain4j does not retry at once,
 * against the provider's request; {@link ModelGateway} waits and retries instead.
 */
public class ProviderRateLimitedException extends NonRetriableException {

    private final transient Duration retryAfter;

    public ProviderRateLimitedException(Duration retryAfter) {
        super("The model provider answered 429 Too Many Requests with Retry-After " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
