package io.channelmind.automation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.messaging.Topics;

/** Reads the delivery events on the test broker with a plain Kafka consumer. */
public final class DeliveryEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryEvents() {
    }

    /** One record of the topic: its key and the parsed JSON value. */
    public record Delivery(String key, Map<String, Object> value) {
    }

    /**
     * Waits until the campaign has at least {@code expected} records on the topic, because the
     * outbox relay publishes them after the run stored its sends, and returns them.
     */
    public static List<Delivery> awaitCount(String campaignId, int expected) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> forCampaign(campaignId), deliveries -> deliveries.size() >= expected);
    }

    /**
     * Returns every record of the campaign on the topic so far. It reads from the beginning up to
     * the end offsets taken at the start, so it returns without waiting for new records.
     */
    public static List<Delivery> forCampaign(String campaignId) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        List<Delivery> deliveries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERIES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, Object> value = JSON.readValue(record.value(), new TypeReference<>() {
                    });
                    if (campaignId.equals(value.get("campaignId"))) {
                        deliveries.add(new Delivery(record.key(), value));
                    }
                }
            }
        }
        return deliveries;
    }
}
