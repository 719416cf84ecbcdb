package io.channelmind.automation.connector;

import java.time.Duration;
import java.util.Optional;

/** Outcome of handing one message to a connector. */
public sealed interface DeliveryResult {

    /** True when the provider accepted the message. */
    default boolean sent() {
        return this instanceof Sent;
    }

    /**
     * The provider accepted the message.
     *
     * @param providerId the provider's message id, or null when its response carries none
     * @param attempts   requests made, retries included
     */
    record Sent(String providerId, int attempts) implements DeliveryResult {
    }

    /**
     * A failure that may pass: a timeout, a connection error, 408, 429 or 5xx.
     *
     * @param retryAfter the delay the provider asked for in {@code Retry-After}, if any
     */
    record RetryableFailure(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
    }

    /**
     * A failure that repeats on every attempt, such as 400 or an invalid number, so it is never
     * retried.
     *
     * @param addressRejected true when the provider rejected the recipient's address itself, which
     *                        is the hard bounce of that channel
     */
    record PermanentFailure(String reason, boolean addressRejected) implements DeliveryResult {

        /** Creates a permanent failure that is not known to concern the recipient's address. */
        public PermanentFailure(String reason) {
            this(reason, false);
        }
    }

    /** The message was not handed to any provider, for example because the connector is not configured. */
    record Skipped(String reason) implements DeliveryResult {
    }
}
