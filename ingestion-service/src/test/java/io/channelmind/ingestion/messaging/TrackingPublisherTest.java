package io.channelmind.ingestion.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TrackingPublisherTest {

    @Inject
    ObjectMapper objectMapper;

    @Test
    void eventWriterMatchesApplicationMapper() throws Exception {
        ObjectNode properties = objectMapper.createObjectNode().put("price", 59.9).put("currency", "EUR");
        ObjectNode context = objectMapper.createObjectNode();
        context.putObject("campaign").put("name", "winter-sale");
        for (Instant instant : new Instant[] {Instant.parse("2024-05-01T08:30:00Z"),
            Instant.parse("2024-05-01T08:30:00.120Z"), Instant.parse("2024-05-01T08:30:00.000123Z"),
            Instant.parse("2024-05-01T08:30:00.000000007Z")}) {
            CustomerEvent event = new CustomerEvent(CustomerEvent.SCHEMA_VERSION, "event-1", "conversion", "web:u-1",
                    instant, "email", "winter-sale", new BigDecimal("59.90"), "EUR", Map.of("plan", "pro"),
                    EventSource.ofTracking("web", "m-1"), "u-1", null, "Order Completed", null, properties, null, null,
                    instant, instant.plusMillis(5), context, null, null);

            assertEquals(objectMapper.writeValueAsString(event),
                    TrackingPublisher.eventWriter(objectMapper).writeValueAsString(event));
        }
    }
}
