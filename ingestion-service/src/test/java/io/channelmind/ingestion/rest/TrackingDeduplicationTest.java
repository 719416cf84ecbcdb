package io.channelmind.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.channelmind.ingestion.tracking.MessageIdPurge;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TrackingDeduplicationTest {

    @Inject
    DataSource dataSource;

    @Inject
    MessageIdPurge purge;

    @Test
    void repeatAcrossRequestsIsDropped() {
        CreatedSource source = Tracking.createSource("dedupe");
        String call = "{\"messageId\": \"m-1\", \"userId\": \"u-1\", \"event\": \"Clicked\"}";

        source.post("/v1/track", call).statusCode(200);
        source.post("/v1/track", call).statusCode(200);

        assertEquals(List.of("m-1"), messageIds(source));
    }

    @Test
    void batchKeepsNewIdsAfterSeenOne() {
        CreatedSource source = Tracking.createSource("dedupe");
        source.post("/v1/track", track("a")).statusCode(200);

        source.post("/v1/batch", "{\"batch\": [" + item("a") + "," + item("b") + "," + item("c") + "," + item("c") + "]}")
                .statusCode(200);

        assertEquals(List.of("a", "b", "c"), messageIds(source));
        assertEquals(1, events(source, "c").size());
    }

    @Test
    void repeatedIdInsideBatchKeepsFirst() {
        CreatedSource source = Tracking.createSource("dedupe");

        source.post("/v1/batch", """
                {"batch": [
                   {"type": "track", "messageId": "x", "userId": "u-1", "event": "First"},
                   {"type": "track", "messageId": "x", "userId": "u-1", "event": "Second"}
                 ]}
                """).statusCode(200);

        List<JsonNode> events = events(source, "x");
        assertEquals(1, events.size());
        assertEquals("First", events.get(0).path("event").asText());
    }

    @Test
    void sameIdInOtherSourceIsKept() {
        CreatedSource first = Tracking.createSource("dedupe");
        CreatedSource second = Tracking.createSource("dedupe");

        first.post("/v1/track", track("shared")).statusCode(200);
        second.post("/v1/track", track("shared")).statusCode(200);

        assertEquals(List.of("shared"), messageIds(first));
        assertEquals(List.of("shared"), messageIds(second));
    }

    /** Concurrent requests behave like replicas, because the only state they share is the database. */
    @Test
    void concurrentRepeatsPublishOnce() throws Exception {
        CreatedSource source = Tracking.createSource("dedupe");
        ExecutorService clients = Executors.newFixedThreadPool(8);

        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(clients.submit(() -> source.post("/v1/batch",
                        "{\"batch\": [" + item("race-1") + "," + item("race-2") + "]}").extract().statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(List.of("race-1", "race-2"), messageIds(source).stream().sorted().toList());
    }

    /** The service keeps no messageIds in memory, so a restarted service or another replica reads the same state. */
    @Test
    void idStoredOnlyInDatabaseIsDropped() throws SQLException {
        CreatedSource source = Tracking.createSource("dedupe");
        insertMessageId(source.name(), "from-another-replica", Instant.now().minus(Duration.ofDays(6)));

        source.post("/v1/track", track("from-another-replica")).statusCode(200);

        assertEquals(List.of(), messageIds(source));
    }

    @Test
    void idOlderThanWindowIsAcceptedAgain() throws SQLException {
        CreatedSource source = Tracking.createSource("dedupe");
        insertMessageId(source.name(), "old", Instant.now().minus(Duration.ofDays(8)));

        source.post("/v1/track", track("old")).statusCode(200);
        source.post("/v1/track", track("old")).statusCode(200);

        assertEquals(List.of("old"), messageIds(source));
    }

    @Test
    void purgeDeletesExpiredIds() throws SQLException {
        CreatedSource source = Tracking.createSource("dedupe");
        insertMessageId(source.name(), "expired", Instant.now().minus(Duration.ofDays(8)));
        insertMessageId(source.name(), "recent", Instant.now().minus(Duration.ofDays(1)));

        int deleted = purge.purge();

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(List.of("recent"), storedIds(source.name()));
    }

    @Test
    void clockSkewIsCorrected() {
        CreatedSource source = Tracking.createSource("skew");
        Instant before = Instant.now();

        // The device clock is years behind, and the call happened 10 s before it was sent.
        source.post("/v1/track", """
                {"messageId": "skewed", "userId": "u-1", "event": "Late",
                 "timestamp": "2023-03-01T12:00:00Z", "sentAt": "2023-03-01T12:00:10Z"}
                """).statusCode(200);
        Instant after = Instant.now();

        JsonNode event = source.event("skewed");
        Instant occurredAt = Instant.parse(event.path("occurredAt").asText());
        Instant receivedAt = Instant.parse(event.path("receivedAt").asText());
        assertEquals(Duration.ofSeconds(10), Duration.between(occurredAt, receivedAt));
        assertFalse(receivedAt.isBefore(before.minusMillis(1)), "receivedAt " + receivedAt);
        assertFalse(receivedAt.isAfter(after), "receivedAt " + receivedAt);
        assertEquals("2023-03-01T12:00:00Z", event.path("originalTimestamp").asText());
    }

    @Test
    void batchSentAtAppliesToItems() {
        CreatedSource source = Tracking.createSource("skew");

        source.post("/v1/batch", """
                {"sentAt": "2023-03-01T12:01:00Z", "batch": [
                   {"type": "track", "messageId": "early", "userId": "u-1", "event": "E", "timestamp": "2023-03-01T12:00:00Z"},
                   {"type": "track", "messageId": "own", "userId": "u-1", "event": "O", "timestamp": "2023-03-01T12:00:00Z",
                    "sentAt": "2023-03-01T12:00:05Z"}
                 ]}
                """).statusCode(200);

        assertEquals(Duration.ofMinutes(1), skew(source.event("early")));
        assertEquals(Duration.ofSeconds(5), skew(source.event("own")));
    }

    @Test
    void timestampWithoutSentAtIsKept() {
        CreatedSource source = Tracking.createSource("skew");

        source.post("/v1/track", """
                {"messageId": "unsent", "userId": "u-1", "event": "U", "timestamp": "2023-03-01T20:00:00+08:00"}
                """).statusCode(200);

        assertEquals("2023-03-01T12:00:00Z", source.event("unsent").path("occurredAt").asText());
    }

    private static Duration skew(JsonNode event) {
        return Duration.between(Instant.parse(event.path("occurredAt").asText()),
                Instant.parse(event.path("receivedAt").asText()));
    }

    private static String track(String messageId) {
        return "{\"messageId\": \"" + messageId + "\", \"userId\": \"u-1\", \"event\": \"Clicked\"}";
    }

    private static String item(String messageId) {
        return "{\"type\": \"track\", \"messageId\": \"" + messageId + "\", \"userId\": \"u-1\", \"event\": \"Clicked\"}";
    }

    private static List<String> messageIds(CreatedSource source) {
        return source.events().stream().map(event -> event.path("source").path("messageId").asText()).toList();
    }

    private static List<JsonNode> events(CreatedSource source, String messageId) {
        return source.events().stream()
                .filter(event -> messageId.equals(event.path("source").path("messageId").asText()))
                .toList();
    }

    private void insertMessageId(String sourceName, String messageId, Instant receivedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO tracking_message (source_name, message_id, received_at) VALUES (?, ?, ?)")) {
            statement.setString(1, sourceName);
            statement.setString(2, messageId);
            statement.setTimestamp(3, Timestamp.from(receivedAt));
            statement.executeUpdate();
        }
    }

    private List<String> storedIds(String sourceName) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT message_id FROM tracking_message WHERE source_name = ? ORDER BY message_id")) {
            statement.setString(1, sourceName);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }
    }
}
