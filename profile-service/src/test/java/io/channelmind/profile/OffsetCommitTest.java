package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.delivery;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.send;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks that consumed batches are acknowledged, so the consumer group commits its offsets up
 * to the end of each topic. Without commits a restart would read every topic from the start.
 */
@QuarkusTest
class OffsetCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void customerEventOffsetsReachTopicEnd() {
        String key = TestEvents.namespace() + ":offsets";
        Instant at = Instant.parse("2024-05-01T08:00:00Z");

        sendCustomerEvents(List.of(identify(key, at, Map.of("firstName", "Ola")), contact(key, at, "email")));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(endOffsets(Topics.CUSTOMER_EVENTS),
                committedOffsets(Topics.CUSTOMER_EVENTS)));
    }

    @Test
    void deliveryOffsetsReachTopicEnd() {
        String key = TestEvents.namespace() + ":offsets-delivery";

        send(Topics.DELIVERIES, List.of(delivery(key, "email")));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(endOffsets(Topics.DELIVERIES),
                committedOffsets(Topics.DELIVERIES)));
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .collect(Collectors.toSet());
            ListOffsetsResult result = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())));
            return result.all().get().entrySet().stream()
                    .filter(entry -> entry.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("profile-service")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .filter(entry -> entry.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    private static Admin admin() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
