package io.channelmind.ingestion.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.ingestion.messaging.Topics;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicOpener;

/**
 * Reads a topic from the beginning up to its current end with a plain Kafka consumer. Imports
 * respond only after Kafka acknowledged their messages, so everything they published is there.
 * Except in {@link #rawValues}, a message's {@code sealedTraits} are decrypted with the test's
 * key-encryption key and put back into {@code traits}, as a consumer such as profile-service
 * reads them.
 */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Only a hung broker takes this long; reading the test topics takes well under a second. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    private TopicReader() {
    }

    /** One consumed message with its JSON value parsed. */
    public record Message(String key, int partition, long offset, JsonNode value) {
    }

    /** Returns every message of the topic whose import id is {@code importId}, in partition and offset order. */
    public static List<Message> messagesOfImport(String topic, String importId) {
        // Parsing only the records that mention the id keeps reading a topic of 100,000s of messages fast.
        return read(topic, value -> value.contains(importId)).stream()
                .filter(message -> importId.equals(importIdOf(message.value())))
                .toList();
    }

    /**
     * Passes the JSON value of every message of the import to {@code consumer} without keeping
     * them, for imports too large to hold in memory.
     */
    public static long scanImport(String topic, String importId, Consumer<JsonNode> consumer) {
        long[] count = {0};
        try (KafkaConsumer<String, String> kafka = newConsumer()) {
            List<TopicPartition> partitions = partitions(kafka, topic);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos() * 5;
            while (!reachedEnd(kafka, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Reading " + topic + " did not reach its end offsets " + end);
                }
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(importId)) {
                        JsonNode value = parse(record.value());
                        if (importId.equals(importIdOf(value))) {
                            consumer.accept(value);
                            count[0]++;
                        }
                    }
                }
            }
        }
        return count[0];
    }

    /** Returns every message of the topic whose raw value contains {@code text}, in partition and offset order. */
    public static List<Message> messagesContaining(String topic, String text) {
        return read(topic, value -> value.contains(text));
    }

    /** Returns the current end offset of each partition of the topic. */
    public static Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<Integer, Long> offsets = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, offset) -> offsets.put(partition.partition(), offset));
            return offsets;
        }
    }

    public static List<Message> readAll(String topic) {
        return read(topic, value -> true);
    }

    private static List<Message> read(String topic, Predicate<String> rawFilter) {
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Message> messages = new ArrayList<>();
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Reading " + topic + " did not reach its end offsets " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (rawFilter.test(record.value())) {
                        messages.add(new Message(record.key(), record.partition(), record.offset(), parse(record.value())));
                    }
                }
            }
            messages.sort(Comparator.comparingInt(Message::partition).thenComparingLong(Message::offset));
            return messages;
        }
    }

    private static String importIdOf(JsonNode value) {
        JsonNode importId = value.has("source") ? value.path("source").path("importId") : value.path("importId");
        return importId.isMissingNode() ? null : importId.asText();
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static KafkaConsumer<String, String> newConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingestion-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    /** Returns the value of every message of the topic as written, in partition and offset order. */
    public static List<String> rawValues(String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Reading " + topic + " did not reach its end offsets " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /** Returns the traits of {@code sealedTraits} of an event, decrypted with the test's key-encryption key. */
    public static Map<String, String> openSealedTraits(JsonNode event) {
        JsonNode sealed = event.path("sealedTraits");
        if (sealed.isMissingNode()) {
            return Map.of();
        }
        try {
            return opener().open(Topics.CUSTOMER_EVENTS, event.path("eventId").asText(),
                    JSON.treeToValue(sealed, SealedTraits.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("sealedTraits is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(String value) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("A message is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree instanceof ObjectNode event && event.has("sealedTraits")) {
            Map<String, String> opened = openSealedTraits(event);
            event.remove("sealedTraits");
            ObjectNode traits = event.get("traits") instanceof ObjectNode object ? object : event.putObject("traits");
            opened.forEach(traits::put);
        }
        return tree;
    }

    private static TopicOpener opener() {
        String kek = ConfigProvider.getConfig().getValue(SecretKeyEncryptionKey.PROPERTY, String.class);
        return new TopicOpener(new SecretKeyEncryptionKey(kek, List.of()));
    }
}
