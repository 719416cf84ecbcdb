package io.channelmind.automation.journey;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.connector.ConnectorRegistry;
import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.OutgoingMessage;

/** Hands a journey's message to the connector of its channel. */
@ApplicationScoped
public class JourneySender {

    private final ConnectorRegistry connectors;

    public JourneySender(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** Sends with the connector's rate limit and retries; blocks until the final result. */
    public DeliveryResult send(String channel, OutgoingMessage message) {
        return connectors.send(channel, message);
    }
}
