package io.channelmind.content.messaging;

/** Kafka topics and channels of content-service; the contracts are in docs/events.md. */
public final class Topics {

    /** automation-service handed a message to a provider; this service counts sends per copy. */
    public static final String DELIVERIES = "cm.deliveries";

    /** The incoming channel that reads {@link #DELIVERIES}; its settings are in application.properties. */
    public static final String DELIVERIES_CHANNEL = "deliveries";

    private Topics() {
    }
}
