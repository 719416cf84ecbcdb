package io.channelmind.content.support;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.channelmind.content.messaging.Topics;

/** Builds cm.deliveries events and publishes them with a plain Kafka client, as automation-service would. */
public final class Deliveries {

    private Deliveries() {
    }

    public static String delivery(String eventId, String copyId, String status) {
        return """
                {"schemaVersion": 1, "eventId": "%s", "profileKey": "demo:c-00042", "campaignId": "spring-savings",
                 "channel": "sms", "copyId": "%s", "status": "%s", "at": "2024-05-01T08:30:00Z", "extra": true}
                """.formatted(eventId, copyId, status);
    }

    public static void send(KafkaProducer<String, String> producer, String payload) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DELIVERIES, "demo:c-00042", payload)).get();
    }

    public static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
