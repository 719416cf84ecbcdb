package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.cleaning.IdentityHash;
import io.channelmind.ingestion.messaging.Topics;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads {@code cm.customer-events} with a plain Kafka consumer, as anyone with access to the
 * topic could, and checks that names and contact points travel only encrypted.
 */
@QuarkusTest
class PersonalDataOnTopicTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Traits that {@code ingestion.personal-data.sealed-traits} lists by default. */
    private static final List<String> SEALED = List.of("email", "phone", "firstName", "lastName", "middleName", "name",
            "fullName", "username", "address");

    private CreatedSource source;

    @BeforeEach
    void createSource() {
        if (source == null) {
            source = Tracking.createSource("personal-data");
        }
    }

    @Test
    void identifySealsContactTraits() throws Exception {
        source.post("/v1/identify", """
                {"messageId": "pd-1", "userId": "u-pd-1",
                 "traits": {"email": "Grace.Hopper@Example.org", "phone": "+8613912345678", "firstName": "Grace",
                            "lastName": "Hopperova", "plan": "pro", "address": {"city": "Arlington"}},
                 "context": {"ip": "203.0.113.77", "locale": "en-US"},
                 "timestamp": "2024-05-01T08:30:00Z"}
                """).statusCode(200).body("success", equalTo(true));

        JsonNode raw = rawEvent("pd-1");
        String text = raw.toString();
        for (String plaintext : List.of("grace.hopper@example.org", "Grace.Hopper", "8613912345678", "Grace",
                "Hopperova", "Arlington", "203.0.113.77")) {
            assertFalse(text.contains(plaintext), plaintext + " is in clear on the topic: " + text);
        }
        assertEquals("pro", raw.path("traits").path("plan").asText());
        assertEquals(IdentityHash.sha256("grace.hopper@example.org"), raw.path("traits").path("emailSha256").asText());
        assertFalse(raw.path("context").has("ip"));
        assertEquals("en-US", raw.path("context").path("locale").asText());

        Map<String, String> opened = TopicReader.openSealedTraits(raw);
        assertEquals("grace.hopper@example.org", opened.get("email"));
        assertEquals("+8613912345678", opened.get("phone"));
        assertEquals("Grace", opened.get("firstName"));
        assertEquals("Hopperova", opened.get("lastName"));
        assertFalse(opened.containsKey("address"), "an object value of a sealed trait is dropped");
    }

    @Test
    void identifyWithoutPersonalTraitsHasNoSealedTraits() throws Exception {
        source.post("/v1/identify", """
                {"messageId": "pd-2", "userId": "u-pd-2", "traits": {"plan": "free"}}
                """).statusCode(200);

        JsonNode raw = rawEvent("pd-2");

        assertFalse(raw.has("sealedTraits"));
        assertEquals("free", raw.path("traits").path("plan").asText());
    }

    @Test
    void importSealsContactTraits() throws Exception {
        String importId = DemoCsvImportTest.importDemo();

        List<String> values = TopicReader.rawValues(Topics.CUSTOMER_EVENTS).stream()
                .filter(value -> value.contains(importId))
                .toList();

        assertEquals(4, values.size());
        for (String value : values) {
            assertFalse(value.toLowerCase(Locale.ROOT).contains("li.wei@example.com"), value);
            assertFalse(value.contains("8613800138000"), value);
            assertFalse(value.contains("\"Li\""), value);
            assertFalse(value.contains("Anna"), value);
        }
        JsonNode identify = JSON.readTree(values.stream().filter(value -> value.contains("\"identify\"")
                && value.contains("demo:c-001")).findFirst().orElseThrow());
        assertEquals("li.wei@example.com", TopicReader.openSealedTraits(identify).get("email"));
    }

    @Test
    void noRawTraitsNamePerson() throws Exception {
        source.post("/v1/identify", """
                {"messageId": "pd-3", "userId": "u-pd-3", "traits": {"email": "x@example.net", "name": "X Y"}}
                """).statusCode(200);

        // Every message of the topic, from this class and every other test's imports and calls.
        for (String value : TopicReader.rawValues(Topics.CUSTOMER_EVENTS)) {
            JsonNode traits = JSON.readTree(value).path("traits");
            for (String name : SEALED) {
                assertFalse(traits.has(name), name + " is in clear in traits: " + value);
            }
        }
    }

    private JsonNode rawEvent(String messageId) throws Exception {
        List<JsonNode> events = TopicReader.rawValues(Topics.CUSTOMER_EVENTS).stream()
                .filter(value -> value.contains(source.name()) && value.contains(messageId))
                .map(PersonalDataOnTopicTest::parse)
                .filter(event -> messageId.equals(event.path("source").path("messageId").asText()))
                .toList();
        assertEquals(1, events.size(), "events with messageId " + messageId);
        assertTrue(events.get(0).isObject());
        return events.get(0);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("A message is not JSON", e);
        }
    }
}
