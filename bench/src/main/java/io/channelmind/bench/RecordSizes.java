package io.channelmind.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a sample of a topic's records and prints their mean key plus value size in bytes, so
 * Kafka's producer load tool can send records of the size a service produced.
 *
 * <p>Usage: {@code RecordSizes HOST:PORT TOPIC [SAMPLE]}. The sample defaults to 2000 records.
 */
public final class RecordSizes {

    private RecordSizes() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: RecordSizes HOST:PORT TOPIC [SAMPLE]");
        }
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        System.out.println(meanBytes(args[0], args[1], sample));
    }

    /**
     * Reads up to {@code sample} records of the topic from the start of each partition and
     * returns their mean key plus value size in bytes.
     *
     * @throws IllegalStateException when the topic has no record within 30 s
     */
    static long meanBytes(String bootstrap, String topic, int sample) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            int records = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records < sample && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    records++;
                }
            }
            if (records == 0) {
                throw new IllegalStateException("No records found on " + topic + " to measure their size");
            }
            return bytes / records;
        }
    }
}
