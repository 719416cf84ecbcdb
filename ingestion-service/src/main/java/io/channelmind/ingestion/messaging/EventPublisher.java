package io.channelmind.ingestion.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.config.IngestionConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Owns the Kafka producer of imports (thread-safe, shared by concurrent imports) with acks=all
 * and idempotence, so a message is acknowledged only once every in-sync replica has it and
 * retries neither duplicate nor reorder messages of a partition. The tracking API has its own
 * producer, {@link TrackingPublisher}, with the same settings and a shorter delivery timeout.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper objectMapper;
    private final IngestionConfig.Imports limits;
    private final PersonalTraits personalTraits;

    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper objectMapper,
            IngestionConfig config, PersonalTraits personalTraits) {
        this.objectMapper = objectMapper;
        this.personalTraits = personalTraits;
        this.limits = config.imports();
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config.producer()));
    }

    /** Starts tracking the messages of one import. */
    public PublishSession openSession() {
        return new PublishSession(producer, objectMapper, personalTraits, limits.maxInFlightMessages());
    }

    @PreDestroy
    void close() {
        LOG.info("Closing the Kafka producer");
        producer.close(Duration.ofSeconds(10));
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, IngestionConfig.Producer tuning) {
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
