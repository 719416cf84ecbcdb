package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DemoCsvImportTest {

    static final String DEMO_CSV = """
            customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,event,channel,campaign,occurred_at,value,currency
            c-001,Li,  Li.Wei@Example.COM ,+86 138 0013 8000,zh-CN,Asia/Shanghai,true,false,customer,,,2024-05-01T08:30:00+08:00,,
            c-001,,,,,,,,contact,Email,spring-sale,2024-05-02T10:00:00+08:00,,
            c-001,,,,,,,,conversion,E-Mail,spring-sale,2024-05-03T12:15:30Z,199.00,cny
            c-002,Anna,,,en_US,Europe/Berlin,FALSE,true,customer,,,,,
            ,,,,,,,,spend,SMS,spring-sale,2024-05-01T00:30:00+08:00,1200.50,CNY
            """;

    @Test
    void demoImportReportsCounts() {
        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(DEMO_CSV))
                .statusCode(200)
                .body("mapping", equalTo("channelmind-demo"))
                .body("status", equalTo("completed"))
                .body("rowsRead", equalTo(5))
                .body("rowsAccepted", equalTo(5))
                .body("rowsRejected", equalTo(0))
                .body("customerEvents", equalTo(4))
                .body("spendEvents", equalTo(1))
                .body("errors.size()", equalTo(0));
    }

    @Test
    void identifyEventCarriesNormalisedTraits() {
        String importId = importDemo();

        JsonNode identify = customerEvents(importId).get(0).value();

        assertEquals("identify", identify.get("type").asText());
        assertEquals("demo:c-001", identify.get("profileKey").asText());
        assertEquals("2024-05-01T00:30:00Z", identify.get("occurredAt").asText());
        assertTrue(identify.get("channel").isNull());
        JsonNode traits = identify.get("traits");
        assertEquals("li.wei@example.com", traits.get("email").asText());
        assertEquals("+8613800138000", traits.get("phone").asText());
        assertEquals("Li", traits.get("firstName").asText());
        assertEquals("zh-CN", traits.get("locale").asText());
        assertEquals("Asia/Shanghai", traits.get("timeZone").asText());
        assertTrue(traits.get("consent").get("email").asBoolean());
        assertFalse(traits.get("consent").get("sms").asBoolean());
    }

    @Test
    void customerWithoutContactPointsOmitsThem() {
        String importId = importDemo();

        JsonNode traits = eventOfRow(customerEvents(importId), 4).value().get("traits");

        assertFalse(traits.has("email"));
        assertFalse(traits.has("phone"));
        assertEquals("en-US", traits.get("locale").asText());
        assertFalse(traits.get("consent").get("email").asBoolean());
        assertTrue(traits.get("consent").get("sms").asBoolean());
    }

    @Test
    void contactAndConversionUseUtcAndChannelAliases() {
        String importId = importDemo();
        List<Message> events = customerEvents(importId);

        JsonNode contact = eventOfRow(events, 2).value();
        JsonNode conversion = eventOfRow(events, 3).value();

        assertEquals("contact", contact.get("type").asText());
        assertEquals("email", contact.get("channel").asText());
        assertEquals("spring-sale", contact.get("campaign").asText());
        assertEquals("2024-05-02T02:00:00Z", contact.get("occurredAt").asText());
        assertEquals("conversion", conversion.get("type").asText());
        assertEquals("email", conversion.get("channel").asText());
        assertEquals(0, new BigDecimal("199.00").compareTo(conversion.get("value").decimalValue()));
        assertEquals("CNY", conversion.get("currency").asText());
        assertEquals("2024-05-03T12:15:30Z", conversion.get("occurredAt").asText());
    }

    @Test
    void eventsCarryImportSource() {
        String importId = importDemo();

        JsonNode source = eventOfRow(customerEvents(importId), 3).value().get("source");

        assertEquals("import", source.get("kind").asText());
        assertEquals(importId, source.get("importId").asText());
        assertEquals("channelmind-demo", source.get("mapping").asText());
        assertEquals(3, source.get("row").asInt());
        assertEquals(1, eventOfRow(customerEvents(importId), 3).value().get("schemaVersion").asInt());
    }

    @Test
    void profileEventsShareKeyAndKeepOrder() {
        String importId = importDemo();

        List<Message> profileEvents = customerEvents(importId).stream()
                .filter(message -> "demo:c-001".equals(message.key()))
                .toList();

        assertEquals(3, profileEvents.size());
        assertEquals(1, profileEvents.stream().map(Message::partition).distinct().count());
        assertEquals(List.of("identify", "contact", "conversion"),
                profileEvents.stream().map(message -> message.value().get("type").asText()).toList());
    }

    @Test
    void spendRowIsKeyedByChannel() {
        String importId = importDemo();

        List<Message> spend = TopicReader.messagesOfImport("cm.spend", importId);

        assertEquals(1, spend.size());
        JsonNode payload = spend.get(0).value();
        assertEquals("sms", spend.get(0).key());
        assertEquals("sms", payload.get("channel").asText());
        assertEquals("spring-sale", payload.get("campaign").asText());
        assertEquals("2024-05-01", payload.get("date").asText());
        assertEquals(0, new BigDecimal("1200.50").compareTo(payload.get("cost").decimalValue()));
        assertEquals("CNY", payload.get("currency").asText());
        assertEquals(5, payload.get("source").get("row").asInt());
    }

    @Test
    void reimportYieldsSameEventIds() {
        String firstImport = importDemo();
        String secondImport = importDemo();

        Map<Long, String> firstIds = eventIdsByRow(firstImport);
        Map<Long, String> secondIds = eventIdsByRow(secondImport);

        assertNotEquals(firstImport, secondImport);
        assertEquals(4, firstIds.size());
        assertEquals(firstIds, secondIds);
        assertEquals(TopicReader.messagesOfImport("cm.spend", firstImport).get(0).value().get("eventId"),
                TopicReader.messagesOfImport("cm.spend", secondImport).get(0).value().get("eventId"));
    }

    @Test
    void importRecordIsStored() {
        String importId = importDemo();

        given().when().get("/api/v1/imports/" + importId).then()
                .statusCode(200)
                .body("importId", equalTo(importId))
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(5))
                .body("customerEvents", equalTo(4))
                .body("spendEvents", equalTo(1));
    }

    static String importDemo() {
        return Imports.post("?mapping=channelmind-demo", "text/csv", bytes(DEMO_CSV))
                .statusCode(200)
                .extract().path("importId");
    }

    static List<Message> customerEvents(String importId) {
        return TopicReader.messagesOfImport("cm.customer-events", importId).stream()
                .sorted((a, b) -> Long.compare(row(a), row(b)))
                .toList();
    }

    static Message eventOfRow(List<Message> events, long row) {
        return events.stream().filter(message -> row(message) == row).findFirst()
                .orElseThrow(() -> new AssertionError("No event for row " + row));
    }

    private static Map<Long, String> eventIdsByRow(String importId) {
        return customerEvents(importId).stream()
                .collect(Collectors.toMap(DemoCsvImportTest::row, message -> message.value().get("eventId").asText()));
    }

    private static long row(Message message) {
        return message.value().get("source").get("row").asLong();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
