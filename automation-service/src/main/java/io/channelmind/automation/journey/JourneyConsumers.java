package io.channelmind.automation.journey;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes the topics that trigger journeys. Handlers are blocking because the journey engine
 * uses JDBC; a message that is not JSON is logged and skipped.
 */
@ApplicationScoped
public class JourneyConsumers {

    private static final Logger LOG = Logger.getLogger(JourneyConsumers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JourneyTriggers triggers;

    public JourneyConsumers(JourneyTriggers triggers) {
        this.triggers = triggers;
    }

    @Incoming(JourneyTopics.SEGMENT_MEMBERSHIP_CHANNEL)
    @Blocking
    public void onSegmentMembership(String payload) {
        read(payload, JourneyTopics.SEGMENT_MEMBERSHIP).ifPresent(triggers::onSegmentMembership);
    }

    @Incoming(JourneyTopics.CUSTOMER_EVENTS_CHANNEL)
    @Blocking
    public void onCustomerEvent(String payload) {
        read(payload, JourneyTopics.CUSTOMER_EVENTS).ifPresent(triggers::onCustomerEvent);
    }

    private static Optional<JsonNode> read(String payload, String topic) {
        try {
            return Optional.of(JSON.readTree(payload));
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping a %s message that is not valid JSON: %s", topic, e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
