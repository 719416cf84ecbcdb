package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.PersonalTraits;
import io.channelmind.ingestion.messaging.EventSource;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks that the streamed event JSON is byte for byte what Jackson writes for a
 * {@link CustomerEvent} built from JSON trees of the same call.
 */
@QuarkusTest
class EventJsonTest {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper objectMapper;

    @Inject
    TrackingCleaning cleaning;

    @Inject
    PersonalTraits personalTraits;

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"batch\": [{\"type\": \"track\", \"messageId\": \"m-1\", \"userId\": \"u-1\", \"event\": \"Order Completed\","
                + " \"timestamp\": \"2024-05-01T08:30:00.120Z\", \"properties\": {\"revenue\": 25.50, \"currency\": \"eur\","
                + " \"items\": [{\"sku\": \"a\", \"n\": 1e2}], \"note\": \"😀 \\u00e9\"},"
                + " \"context\": {\"campaign\": {\"name\": \"winter\", \"source\": \"google\", \"medium\": \"cpc\"}}}]}",
        "{\"sentAt\": \"2024-05-01T08:30:01Z\", \"context\": {\"ip\": \"1.2.3.4\", \"page\": {\"url\": \"https://a.example/\"}},"
                + " \"batch\": [{\"type\": \"page\", \"anonymousId\": \"a-1\", \"name\": \"Home\", \"timestamp\":"
                + " \"2024-05-01T08:30:00Z\", \"context\": {\"page\": {\"referrer\": \"https://www.google.com/\"},"
                + " \"locale\": \"zh-CN\"}}, {\"type\": \"screen\", \"userId\": 17850.0, \"name\": \"Cart\"}]}",
        "{\"batch\": [{\"type\": \"identify\", \"userId\": \"u-2\", \"traits\": {\"email\": \" Jo@Example.COM \","
                + " \"age\": 41, \"vip\": true, \"tags\": [\"a\"]}}, {\"type\": \"group\", \"userId\": \"u-2\","
                + " \"groupId\": \"g-1\", \"traits\": {\"plan\": \"pro\", \"seats\": 12}}, {\"type\": \"alias\","
                + " \"userId\": \"u-2\", \"previousId\": \"a-9\"}, {\"type\": \"track\", \"userId\": \"u-3\","
                + " \"event\": \"Email Delivered\", \"properties\": {}, \"context\": {}}]}"
    })
    void streamedEventEqualsTreeEvent(String body) throws Exception {
        Instant receivedAt = Instant.parse("2024-05-01T08:30:05.500Z");
        TrackingRequest request = new RequestReader(objectMapper).read(body.getBytes(StandardCharsets.UTF_8), true);
        CallParser parser = new CallParser(objectMapper, request.copy());
        Instant sentAt = parser.instant(request.root(), "", "sentAt");
        CallContext batchContext = parser.context(request.root(), "");
        List<TrackingCall> calls = request.batch().stream()
                .map(item -> parser.parse(CallType.fromJsonName(item.get("type").asText()).orElseThrow(), item, "",
                        sentAt, batchContext, receivedAt))
                .toList();

        List<OutboundMessage> messages = new CallMapper(objectMapper, cleaning, personalTraits).toMessages("web", calls);

        JsonNode tree = objectMapper.readTree(body);
        for (int i = 0; i < calls.size(); i++) {
            CustomerEvent expected = treeEvent("web", calls.get(i), (ObjectNode) tree.get("batch").get(i),
                    tree.path("context"));
            assertEquals(withOpenedTraits(objectMapper.writeValueAsBytes(expected)),
                    withOpenedTraits((byte[]) messages.get(i).payload()));
        }
    }

    /** Builds the event from JSON trees: the call's objects from {@code item}, the rest from {@code call}. */
    private CustomerEvent treeEvent(String source, TrackingCall call, ObjectNode item, JsonNode batchContext) {
        ObjectNode context = batchContext.isObject() ? ((ObjectNode) batchContext).deepCopy()
                : objectMapper.createObjectNode();
        if (item.path("context").isObject()) {
            context.setAll((ObjectNode) item.get("context"));
        }
        context.remove("ip");
        ObjectNode traits = item.path("traits").isObject() ? (ObjectNode) item.get("traits")
                : objectMapper.createObjectNode();
        ObjectNode properties = call.type() == CallType.GROUP ? traits
                : item.path("properties").isObject() ? (ObjectNode) item.get("properties") : objectMapper.createObjectNode();
        String type = CallMapper.eventType(call);
        BigDecimal value = "conversion".equals(type) ? properties.get("revenue").decimalValue() : null;
        String channel = "contact".equals(type) ? "email" : cleaning.channel(text(context.at("/campaign/source")),
                text(context.at("/campaign/medium")), text(context.at("/page/referrer")), text(context.at("/page/url")));
        String eventId = EventIds.trackingCall(source, call.messageId());
        PersonalTraits.Split eventTraits = personalTraits.split(eventId, call.type() == CallType.IDENTIFY
                ? cleaning.cleanTraits(objectMapper.convertValue(traits, MAP)) : Map.of());
        return new CustomerEvent(CustomerEvent.SCHEMA_VERSION, eventId, type,
                source + ":" + call.identity(), call.occurredAt(), channel, text(context.at("/campaign/name")), value,
                value == null ? null : "EUR", eventTraits.traits(), EventSource.ofTracking(source, call.messageId()),
                call.userId(), call.anonymousId(), call.event(), call.name(), properties.isEmpty() ? null : properties,
                call.previousId(), call.groupId(), call.originalTimestamp(), call.receivedAt(),
                context.isEmpty() ? null : context, null, null, eventTraits.sealed());
    }

    /**
     * Returns the event's JSON text with {@code sealedTraits} decrypted in place, because each
     * encryption draws a new nonce, so two encryptions of the same traits never have the same text.
     */
    private String withOpenedTraits(byte[] json) throws Exception {
        ObjectNode event = (ObjectNode) objectMapper.readTree(json);
        if (event.has("sealedTraits")) {
            event.set("sealedTraits", objectMapper.valueToTree(TopicReader.openSealedTraits(event)));
        }
        return objectMapper.writeValueAsString(event);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }
}
