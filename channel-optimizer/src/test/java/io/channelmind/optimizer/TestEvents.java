package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.messaging.Topics;

/**
 * Builds event payloads as documented in docs/events.md and sends them to the test broker with a
 * plain Kafka producer, the way ingestion-service and profile-service do.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    /** Returns a name that no other test uses, such as {@code email-3f2a9c1d}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> identify(String profileKey, String importId) {
        return customerEvent("identify", profileKey, null, null, importId);
    }

    /** Returns an identify event that carries the traits. */
    public static Map<String, Object> identify(String profileKey, Map<String, Object> traits, String importId) {
        Map<String, Object> event = customerEvent("identify", profileKey, null, null, importId);
        event.put("traits", traits);
        return event;
    }

    /** Returns a contact event of a campaign at a given instant, such as 2024-05-01T10:00:00Z. */
    public static Map<String, Object> contact(String profileKey, String channel, String campaign, String occurredAt,
            String importId) {
        Map<String, Object> event = customerEvent("contact", profileKey, channel, null, importId);
        event.put("campaign", campaign);
        event.put("occurredAt", occurredAt);
        return event;
    }

    /** Returns a conversion event of a campaign at a given instant. */
    public static Map<String, Object> conversion(String profileKey, String channel, Double value, String campaign,
            String occurredAt, String importId) {
        Map<String, Object> event = customerEvent("conversion", profileKey, channel, value, importId);
        event.put("campaign", campaign);
        event.put("occurredAt", occurredAt);
        return event;
    }

    /** Returns a spend row of a campaign with its currency, impressions and clicks (each may be null). */
    public static Map<String, Object> spend(String channel, String campaign, String date, double cost, String currency,
            Long impressions, Long clicks, String importId) {
        Map<String, Object> event = spend(channel, date, cost, importId);
        event.put("campaign", campaign);
        event.put("currency", currency);
        event.put("impressions", impressions);
        event.put("clicks", clicks);
        return event;
    }

    public static Map<String, Object> contact(String profileKey, String channel, String importId) {
        return customerEvent("contact", profileKey, channel, null, importId);
    }

    public static Map<String, Object> conversion(String profileKey, String channel, Double value, String importId) {
        return customerEvent("conversion", profileKey, channel, value, importId);
    }

    public static Map<String, Object> spend(String channel, String date, double cost, String importId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("channel", channel);
        event.put("campaign", null);
        event.put("date", date);
        event.put("cost", cost);
        event.put("currency", "CNY");
        event.put("impressions", null);
        event.put("clicks", null);
        event.put("source", source(importId));
        return event;
    }

    public static Map<String, Object> membership(String segment, String profileKey, boolean member) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("segment", segment);
        event.put("profileKey", profileKey);
        event.put("member", member);
        event.put("at", Instant.now().toString());
        return event;
    }

    /** Returns a {@code cm.deliveries} event of automation-service with a random event id. */
    public static Map<String, Object> delivery(String profileKey, String channel, String status, String at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID() + "/" + status);
        event.put("profileKey", profileKey);
        event.put("campaignId", "campaign-test");
        event.put("channel", channel);
        event.put("copyId", null);
        event.put("status", status);
        event.put("at", at);
        return event;
    }

    /** Sends delivery events keyed by profile key and waits until the broker has them. */
    public static void sendDeliveries(List<Map<String, Object>> events) {
        sendAll(Topics.DELIVERIES, events.stream()
                .map(event -> new ProducerRecord<>(Topics.DELIVERIES, (String) event.get("profileKey"), write(event)))
                .toList());
    }

    /** Sends customer events keyed by profile key and waits until the broker has them. */
    public static void sendCustomerEvents(List<Map<String, Object>> events) {
        sendAll(Topics.CUSTOMER_EVENTS, events.stream()
                .map(event -> new ProducerRecord<>(Topics.CUSTOMER_EVENTS, (String) event.get("profileKey"),
                        write(event)))
                .toList());
    }

    /** Sends spend rows keyed by channel and waits until the broker has them. */
    public static void sendSpend(List<Map<String, Object>> events) {
        sendAll(Topics.SPEND, events.stream()
                .map(event -> new ProducerRecord<>(Topics.SPEND, (String) event.get("channel"), write(event)))
                .toList());
    }

    /** Sends membership changes keyed by profile key and waits until the broker has them. */
    public static void sendMemberships(List<Map<String, Object>> events) {
        sendAll(Topics.SEGMENT_MEMBERSHIP, events.stream()
                .map(event -> new ProducerRecord<>(Topics.SEGMENT_MEMBERSHIP, (String) event.get("profileKey"),
                        write(event)))
                .toList());
    }

    /** Sends a value as it is, for records that are not valid JSON. */
    public static void sendRaw(String topic, String key, String value) {
        sendAll(topic, List.of(new ProducerRecord<>(topic, key, value)));
    }

    /**
     * Waits until the service has consumed at least this many events of the import. The count
     * includes records read again after a consumer-group rebalance, which happens while the
     * service's consumers join at start.
     */
    public static void awaitImportProgress(String importId, long eventsConsumed) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/imports/{importId}/progress", importId)
                .then().statusCode(200)
                .body("eventsConsumed", greaterThanOrEqualTo((int) eventsConsumed)));
    }

    /**
     * Sends one identify event with a fresh import id and waits until it is consumed. The topic
     * has one partition, so every customer event sent before it has been applied by then.
     */
    public static void awaitCustomerEventsApplied() {
        String importId = unique("barrier");
        sendCustomerEvents(List.of(identify(unique("test:barrier"), importId)));
        awaitImportProgress(importId, 1);
    }

    private static Map<String, Object> customerEvent(String type, String profileKey, String channel, Double value,
            String importId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("profileKey", profileKey);
        event.put("occurredAt", Instant.now().toString());
        event.put("channel", channel);
        event.put("campaign", null);
        event.put("value", value);
        event.put("currency", value == null ? null : "CNY");
        event.put("traits", Map.of());
        event.put("source", source(importId));
        return event;
    }

    private static Map<String, Object> source(String importId) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", "import");
        source.put("importId", importId);
        source.put("mapping", "test");
        source.put("row", 1);
        return source;
    }

    // Sends without waiting between records, so the consumer is likely to poll them as one batch.
    private static void sendAll(String topic, List<ProducerRecord<String, String>> records) {
        List<Future<RecordMetadata>> sent = records.stream().map(producer()::send).toList();
        producer().flush();
        try {
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to send to " + topic, e.getCause());
        }
    }

    private static String write(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a test event as JSON", e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }
}
