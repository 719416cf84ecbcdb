package io.channelmind.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.channelmind.profile.messaging.Topics;

/** Builds event payloads and talks to the test broker with plain Kafka clients. */
public final class TestEvents {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private TestEvents() {
    }

    /** Returns a profile key namespace unique to one test, so tests sharing the database do not see each other's profiles. */
    public static String namespace() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> identify(String profileKey, Instant at, Map<String, Object> traits) {
        return event("identify", profileKey, at, null, null, traits);
    }

    public static Map<String, Object> contact(String profileKey, Instant at, String channel) {
        return event("contact", profileKey, at, channel, null, Map.of());
    }

    public static Map<String, Object> conversion(String profileKey, Instant at, String channel, Number value) {
        return event("conversion", profileKey, at, channel, value, Map.of());
    }

    public static Map<String, Object> event(String type, String profileKey, Instant at, String channel, Number value,
            Map<String, Object> traits) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("profileKey", profileKey);
        event.put("occurredAt", at.toString());
        event.put("channel", channel);
        event.put("campaign", null);
        event.put("value", value);
        event.put("currency", value == null ? null : "EUR");
        event.put("traits", traits);
        return event;
    }

    /** Returns a copy of the event with {@code source} naming the import. */
    public static Map<String, Object> fromImport(Map<String, Object> event, String importId, int row) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("source", Map.of("kind", "import", "importId", importId, "mapping", "test", "row", row));
        return copy;
    }

    public static Map<String, Object> delivery(String profileKey, String channel) {
        return delivery(profileKey, channel, "delivered");
    }

    public static Map<String, Object> delivery(String profileKey, String channel, String status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("profileKey", profileKey);
        event.put("campaignId", "c-1");
        event.put("channel", channel);
        event.put("copyId", null);
        event.put("status", status);
        event.put("at", Instant.now().toString());
        return event;
    }

    /**
     * Sends the payloads in order (maps as JSON, strings as they are), keyed by their
     * {@code profileKey} where they have one, and waits for every acknowledgement.
     */
    public static void send(String topic, List<?> payloads) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Object payload : payloads) {
                String key = payload instanceof Map<?, ?> map && map.get("profileKey") instanceof String text ? text : null;
                String value = payload instanceof String text ? text : toJson(payload);
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Sending to " + topic + " failed", e);
        }
    }

    public static void sendCustomerEvents(List<?> payloads) {
        send(Topics.CUSTOMER_EVENTS, payloads);
    }

    /** A record read back from a topic. */
    public record Received(String key, JsonNode value) {
    }

    /** Reads every record on the topic from the beginning until a poll of {@code quietPeriod} returns none. */
    public static List<Received> readAll(String topic, Duration quietPeriod) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Received> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                var records = consumer.poll(quietPeriod);
                if (records.isEmpty()) {
                    return values;
                }
                for (ConsumerRecord<String, String> record : records) {
                    values.add(new Received(record.key(), readTree(record.value())));
                }
            }
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
