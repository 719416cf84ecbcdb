package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingEndpointsTest {

    private CreatedSource source;

    /** Creates the class's source before the first test; REST Assured gets the port only then. */
    @BeforeEach
    void createSource() {
        if (source != null) {
            return;
        }
        source = Tracking.createSource("endpoints");
    }

    @Test
    void identifyPublishesTraits() {
        source.post("/v1/identify", """
                {"messageId": "id-1", "userId": "u-1", "anonymousId": "anon-1",
                 "traits": {"email": "ada@example.com", "firstName": "Ada", "plan": "pro"},
                 "timestamp": "2024-05-01T08:30:00Z"}
                """).statusCode(200).body("success", equalTo(true));

        JsonNode event = source.event("id-1");
        assertEquals("identify", event.path("type").asText());
        assertEquals(source.name() + ":u-1", event.path("profileKey").asText());
        assertEquals("ada@example.com", event.path("traits").path("email").asText());
        assertEquals("pro", event.path("traits").path("plan").asText());
        assertEquals("u-1", event.path("userId").asText());
        assertEquals("anon-1", event.path("anonymousId").asText());
        assertEquals("2024-05-01T08:30:00Z", event.path("originalTimestamp").asText());
        assertEquals("tracking", event.path("source").path("kind").asText());
        assertEquals(1, event.path("schemaVersion").asInt());
    }

    @Test
    void trackPublishesEventAndProperties() {
        source.post("/v1/track", """
                {"messageId": "track-1", "anonymousId": "anon-2", "event": "Product Viewed",
                 "properties": {"sku": "A-1", "price": 9.5},
                 "context": {"campaign": {"name": "spring-sale", "source": "newsletter", "medium": "email"}}}
                """).statusCode(200).body("success", equalTo(true));

        JsonNode event = source.event("track-1");
        assertEquals("track", event.path("type").asText());
        assertEquals(source.name() + ":anon-2", event.path("profileKey").asText());
        assertEquals("Product Viewed", event.path("event").asText());
        assertEquals("A-1", event.path("properties").path("sku").asText());
        assertEquals("spring-sale", event.path("campaign").asText());
        assertEquals("newsletter", event.path("context").path("campaign").path("source").asText());
        assertTrue(event.path("traits").isEmpty());
        assertFalse(event.has("userId"));
    }

    @Test
    void orderCompletedBecomesConversion() {
        source.post("/v1/track", """
                {"messageId": "order-1", "userId": "u-3", "event": "Order Completed",
                 "properties": {"orderId": "o-1", "revenue": 25.00, "total": 27.50, "currency": "eur"}}
                """).statusCode(200);

        JsonNode event = source.event("order-1");
        assertEquals("conversion", event.path("type").asText());
        assertEquals("Order Completed", event.path("event").asText());
        assertEquals(0, event.path("value").decimalValue().compareTo(new java.math.BigDecimal("25.00")));
        assertEquals("EUR", event.path("currency").asText());
    }

    @Test
    void snakeCaseOrderCompletedUsesTotal() {
        source.post("/v1/track", """
                {"messageId": "order-2", "userId": "u-3", "event": "order_completed", "properties": {"total": "12.5"}}
                """).statusCode(200);

        JsonNode event = source.event("order-2");
        assertEquals("conversion", event.path("type").asText());
        assertEquals(0, event.path("value").decimalValue().compareTo(new java.math.BigDecimal("12.5")));
        assertTrue(event.path("currency").isNull());
    }

    @Test
    void emailDeliveredBecomesContact() {
        source.post("/v1/track", """
                {"messageId": "mail-1", "userId": "u-4", "event": "Email Delivered"}
                """).statusCode(200);

        JsonNode event = source.event("mail-1");
        assertEquals("contact", event.path("type").asText());
        assertEquals("email", event.path("channel").asText());
    }

    @Test
    void pageAndScreenCarryName() {
        source.post("/v1/page", """
                {"messageId": "page-1", "anonymousId": "anon-5", "name": "Pricing", "properties": {"url": "https://example.com/pricing"}}
                """).statusCode(200);
        source.post("/v1/screen", """
                {"messageId": "screen-1", "userId": "u-5", "name": "Checkout"}
                """).statusCode(200);

        JsonNode page = source.event("page-1");
        JsonNode screen = source.event("screen-1");
        assertEquals("page", page.path("type").asText());
        assertEquals("Pricing", page.path("name").asText());
        assertEquals("https://example.com/pricing", page.path("properties").path("url").asText());
        assertEquals("screen", screen.path("type").asText());
        assertEquals("Checkout", screen.path("name").asText());
    }

    @Test
    void groupCarriesGroupIdAndGroupTraits() {
        source.post("/v1/group", """
                {"messageId": "group-1", "userId": "u-6", "groupId": "acme", "traits": {"employees": 40}}
                """).statusCode(200);

        JsonNode event = source.event("group-1");
        assertEquals("group", event.path("type").asText());
        assertEquals("acme", event.path("groupId").asText());
        assertEquals(40, event.path("properties").path("employees").asInt());
        assertTrue(event.path("traits").isEmpty());
    }

    @Test
    void aliasCarriesPreviousId() {
        source.post("/v1/alias", """
                {"messageId": "alias-1", "previousId": "anon-7", "userId": "u-7"}
                """).statusCode(200);

        JsonNode event = source.event("alias-1");
        assertEquals("alias", event.path("type").asText());
        assertEquals(source.name() + ":u-7", event.path("profileKey").asText());
        assertEquals("anon-7", event.path("previousId").asText());
    }

    @Test
    void batchPublishesEachCall() {
        source.post("/v1/batch", """
                {"batch": [
                   {"type": "identify", "messageId": "batch-1", "userId": "u-8", "traits": {"email": "b@example.com"}},
                   {"type": "track", "messageId": "batch-2", "userId": "u-8", "event": "Signed Up",
                    "context": {"locale": "en-GB"}},
                   {"type": "page", "messageId": "batch-3", "userId": "u-8"}
                 ],
                 "context": {"library": {"name": "test"}, "locale": "zh-CN"}}
                """).statusCode(200).body("success", equalTo(true));

        assertEquals("identify", source.event("batch-1").path("type").asText());
        assertEquals("track", source.event("batch-2").path("type").asText());
        assertEquals("page", source.event("batch-3").path("type").asText());
        assertEquals("en-GB", source.event("batch-2").path("context").path("locale").asText());
        assertEquals("zh-CN", source.event("batch-1").path("context").path("locale").asText());
        assertEquals("test", source.event("batch-2").path("context").path("library").path("name").asText());
    }

    @Test
    void emptyBatchSucceeds() {
        source.post("/v1/batch", "{\"batch\": []}").statusCode(200).body("success", equalTo(true));
    }

    @Test
    void sameProfileEventsShareOnePartition() {
        source.post("/v1/batch", """
                {"batch": [
                   {"type": "track", "messageId": "order-a", "userId": "u-9", "event": "A"},
                   {"type": "track", "messageId": "order-b", "userId": "u-9", "event": "B"},
                   {"type": "track", "messageId": "order-c", "userId": "u-9", "event": "C"}
                 ]}
                """).statusCode(200);

        List<String> order = source.events().stream()
                .filter(event -> event.path("profileKey").asText().endsWith(":u-9"))
                .map(event -> event.path("event").asText())
                .toList();
        assertEquals(List.of("A", "B", "C"), order);
    }

    @Test
    void gzipBodyIsDecompressed() throws IOException {
        byte[] body = gzip("{\"messageId\": \"gzip-1\", \"userId\": \"u-10\", \"event\": \"Zipped\"}");

        given().header("Authorization", Tracking.basic(source.writeKey())).header("Content-Encoding", "gzip")
                .contentType("application/json").body(body)
                .when().post("/v1/track")
                .then().statusCode(200);

        assertEquals("Zipped", source.event("gzip-1").path("event").asText());
    }

    @Test
    void chunkedBatchIsAccepted() {
        // A stream of unknown length goes out chunked, without Content-Length.
        byte[] body = "{\"batch\": [{\"type\": \"track\", \"messageId\": \"chunked-1\", \"userId\": \"u-14\", \"event\": \"Chunked\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        given().header("Authorization", Tracking.basic(source.writeKey()))
                .contentType("application/json").body(new ByteArrayInputStream(body))
                .when().post("/v1/batch")
                .then().statusCode(200).body("success", equalTo(true));

        assertEquals("Chunked", source.event("chunked-1").path("event").asText());
    }

    @Test
    void expectContinueGetsInterimResponse() throws IOException {
        byte[] body = "{\"messageId\": \"continue-1\", \"userId\": \"u-15\", \"event\": \"Continued\"}"
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write(("POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + Tracking.basic(source.writeKey())
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            out.write(body);
            out.flush();
            String status;
            do {
                status = in.readLine();
            } while (status != null && !status.startsWith("HTTP/1.1 2"));
            assertEquals("HTTP/1.1 200 OK", status);
        }

        assertEquals("Continued", source.event("continue-1").path("event").asText());
    }

    @Test
    void writeKeyInBodyAuthenticates() {
        given().contentType("application/json")
                .body("{\"writeKey\": \"" + source.writeKey() + "\", \"messageId\": \"body-key-1\", \"userId\": \"u-11\"}")
                .when().post("/v1/identify")
                .then().statusCode(200);

        assertEquals("identify", source.event("body-key-1").path("type").asText());
    }

    @Test
    void missingMessageIdGetsGeneratedOne() {
        source.post("/v1/track", "{\"userId\": \"u-12\", \"event\": \"No Id\"}").statusCode(200);

        List<JsonNode> events = source.events().stream()
                .filter(event -> "No Id".equals(event.path("event").asText()))
                .toList();
        assertEquals(1, events.size());
        assertTrue(events.get(0).path("source").path("messageId").asText().startsWith("generated-"));
    }

    @Test
    void callWithoutTimestampOccursAtReceipt() {
        Instant before = Instant.now();
        source.post("/v1/track", "{\"messageId\": \"now-1\", \"userId\": \"u-13\", \"event\": \"Now\"}").statusCode(200);
        Instant after = Instant.now();

        JsonNode event = source.event("now-1");
        Instant occurredAt = Instant.parse(event.path("occurredAt").asText());
        assertFalse(occurredAt.isBefore(before.minus(Duration.ofMillis(1))));
        assertFalse(occurredAt.isAfter(after));
        assertEquals(event.path("receivedAt").asText(), event.path("occurredAt").asText());
        assertFalse(event.has("originalTimestamp"));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
