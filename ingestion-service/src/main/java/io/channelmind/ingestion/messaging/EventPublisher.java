package io.channelmind.ingestion.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.config.IngestionConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Owns the service's one Kafka producer (thread-safe, shared by concurrent imports) with
 * acks=all and idempotence, so a message is acknowledged only once every in-sync replica has it
 * and retries neither duplicate nor reorder messages of a partition.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper objectMapper;
    private final IngestionConfig.Imports limits;

    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper objectMapper,
            IngestionConfig config) {
        this.objectMapper = objectMapper;
        this.limits = config.imports();
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config.producer()));
    }

    /** Starts tracking the messages of one import. */
    public PublishSession openSession() {
        return new PublishSession(producer, objectMapper, limits.maxInFlightMessages());
    }

    /**
     * Sends a few messages and waits until Kafka has acknowledged all of them. Unlike a
     * {@link PublishSession} it does not flush the producer, so concurrent small requests still
     * share record batches.
     *
     * @throws PublishFailedException when a message cannot be sent or is not acknowledged within {@code timeout}
     */
    public void publishAndAwait(List<OutboundMessage> messages, Duration timeout) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(messages.size());
        try {
            for (OutboundMessage message : messages) {
                byte[] payload = objectMapper.writeValueAsBytes(message.payload());
                acknowledgements.add(producer.send(new ProducerRecord<>(message.topic(), message.key(), payload)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising a message failed", e);
        } catch (RuntimeException e) {
            throw new PublishFailedException("Sending to Kafka failed: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            awaitAcknowledgement(acknowledgement, deadline, timeout);
        }
    }

    @PreDestroy
    void close() {
        LOG.info("Closing the Kafka producer");
        producer.close(Duration.ofSeconds(10));
    }

    private static void awaitAcknowledgement(Future<RecordMetadata> acknowledgement, long deadline, Duration timeout) {
        try {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka rejected a message: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge every message within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for Kafka acknowledgements", e);
        }
    }

    private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, IngestionConfig.Producer tuning) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingestion-service");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, TraceContextInterceptor.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) tuning.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, tuning.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, tuning.compressionType());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) tuning.deliveryTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, tuning.maxBlock().toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(30_000, tuning.deliveryTimeout().toMillis() - tuning.linger().toMillis() - 1));
        return config;
    }
}
