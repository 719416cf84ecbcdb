package io.channelmind.ingestion.messaging;

import java.time.Duration;
import java.util.ArrayList;
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
import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Owns the Kafka producer of the tracking API, apart from the import producer because its
 * delivery timeout is the tracking acknowledgement timeout. The producer itself fails a record
 * that is not acknowledged within that time, so when {@link #publish} reports a message as
 * failed, the producer will not send it later. A 503 to the client therefore cannot be followed
 * by a late copy on the topic that the client's retry would duplicate.
 */
@ApplicationScoped
public class TrackingPublisher {

    private static final Logger LOG = Logger.getLogger(TrackingPublisher.class);
    /** Time on top of the delivery timeout before a missing producer callback counts as a failure. */
    private static final Duration CALLBACK_GRACE = Duration.ofSeconds(5);

    private final KafkaProducer<String, byte[]> producer;
    private final Duration deliveryTimeout;

    public TrackingPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            IngestionConfig config) {
        this.deliveryTimeout = config.tracking().acknowledgementTimeout();
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config.producer(),
                config.tracking().producerLinger(), deliveryTimeout));
    }

    /**
     * The outcome of one {@link #publish} call: {@code acknowledged[i]} is true when Kafka
     * stored the i-th message, and {@code error} describes the first failure, or is null.
     */
    public record Delivery(boolean[] acknowledged, String error) {

        public boolean complete() {
            return error == null;
        }
    }

    /**
     * Sends the messages and waits until Kafka acknowledged or the producer failed each of them,
     * at most the delivery timeout plus a grace period after the last send. It does not flush
     * the producer, so concurrent requests still share record batches.
     */
    public Delivery publish(List<OutboundMessage> messages) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(messages.size());
        String error = null;
        for (OutboundMessage message : messages) {
            Future<RecordMetadata> acknowledgement;
            try {
                acknowledgement = producer.send(new ProducerRecord<>(message.topic(), message.key(), serialise(message)));
            } catch (RuntimeException e) {
                // Typically a TimeoutException from max.block.ms: no metadata or no buffer space.
                error = "Sending to " + message.topic() + " failed: " + e.getMessage();
                break;
            }
            acknowledgements.add(acknowledgement);
            // A future that is already done has failed before reaching the broker (the producer
            // waited max.block.ms for metadata), so the next sends would each wait as long again.
            if (acknowledgement.isDone()) {
                String failure = await(acknowledgement, System.nanoTime());
                if (failure != null) {
                    error = failure;
                    break;
                }
            }
        }

        boolean[] acknowledged = new boolean[messages.size()];
        long deadline = System.nanoTime() + deliveryTimeout.plus(CALLBACK_GRACE).toNanos();
        for (int i = 0; i < acknowledgements.size(); i++) {
            String failure = await(acknowledgements.get(i), deadline);
            acknowledged[i] = failure == null;
            if (error == null) {
                error = failure;
            }
        }
        return new Delivery(acknowledged, error);
    }

    @PreDestroy
    void close() {
        LOG.info("Closing the tracking Kafka producer");
        producer.close(Duration.ofSeconds(10));
    }

    /** Returns the payload, which the tracking API writes as JSON bytes itself. */
    private static byte[] serialise(OutboundMessage message) {
        if (message.payload() instanceof byte[] json) {
            return json;
        }
        throw new IllegalArgumentException("A tracking message's payload must be its JSON bytes, not a "
                + message.payload().getClass().getSimpleName());
    }

    /** Waits for one acknowledgement and returns null, or the reason it failed. */
    private String await(Future<RecordMetadata> acknowledgement, long deadline) {
        try {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return "Kafka did not acknowledge a message: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            // NOTE: the producer should have failed the record by now; if it has not, it may still send it later.
            LOG.errorf("The tracking producer reported no outcome within %s", deliveryTimeout.plus(CALLBACK_GRACE));
            return "Kafka did not acknowledge a message within " + deliveryTimeout.plus(CALLBACK_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while waiting for Kafka acknowledgements";
        }
    }

    /** Returns the import producer's settings with this producer's client id, linger and timeouts. */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, IngestionConfig.Producer tuning,
            Duration lingerTime, Duration deliveryTimeout) {
        Map<String, Object> config = EventPublisher.producerConfig(kafkaConfig, tuning);
        long linger = lingerTime.toMillis();
        if (deliveryTimeout.toMillis() < linger + 1000) {
            throw new IllegalArgumentException("ingestion.tracking.acknowledgement-timeout is " + deliveryTimeout
                    + ", but must be at least 1 s more than ingestion.tracking.producer-linger (" + lingerTime + ")");
        }
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingestion-service-tracking");
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, deliveryTimeout.toMillis() - linger));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout.toMillis());
        return config;
    }
}
