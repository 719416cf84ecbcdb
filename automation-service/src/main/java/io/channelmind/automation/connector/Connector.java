package io.channelmind.automation.connector;

import java.util.Optional;

/**
 * A provider of one channel. An implementation makes one request per {@link #attempt} and
 * classifies the response; {@link ConnectorRegistry} adds the rate limit and the retries.
 */
public interface Connector {

    /** Channel this connector serves, such as {@code sms} or {@code slack}. */
    String channel();

    /** Name in logs and metrics, such as {@code twilio}. */
    String name();

    /** Returns why this connector cannot send, or empty when it is configured. */
    Optional<String> disabledReason();

    /**
     * Returns why the configured URL must not be called, such as a host that resolves to a
     * private address, or empty when it may be called.
     */
    default Optional<String> invalidUrl() {
        return Optional.empty();
    }

    /** Token bucket and retry settings of this connector. */
    ConnectorPolicy policy();

    /** Makes one request to the provider and returns provider and network errors as failures. */
    DeliveryResult attempt(OutgoingMessage message);
}
