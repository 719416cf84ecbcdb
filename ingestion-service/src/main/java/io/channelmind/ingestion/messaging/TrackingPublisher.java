package io.channelmind.ingestion.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

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

    private final KafkaProducer<String, byte[]> producer;
    /** Whether the last send outcome was an acknowledgement, so the producer has the topic's metadata. */
    private volatile boolean healthy;

    public TrackingPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            IngestionConfig config) {
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig, config.producer(),
                config.tracking().producerLinger(), config.tracking().acknowledgementTimeout()));
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
     * Sends the messages and emits their {@link Delivery} once Kafka acknowledged or the producer
     * failed each of them. It never emits a failure, and it does not flush the producer, so
     * concurrent requests still share record batches. The producer's callbacks complete it on the
     * producer's network thread, so what follows should not do long work there.
     *
     * <p>{@code send} blocks for up to max.block.ms while the producer has no metadata for the
     * topic. So the sends run on the calling thread, the event loop, only while the last outcome
     * was an acknowledgement, and on a worker thread after a start or a failure.
     * NOTE: a send on the event loop can still block when Kafka stops responding just then.
     */
    public Uni<Delivery> publish(List<OutboundMessage> messages) {
        Uni<Delivery> delivery = Uni.createFrom().emitter(emitter -> new Sends(messages.size(), emitter).sendAll(messages));
        return healthy ? delivery : delivery.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The outstanding acknowledgements of one {@link #publish} call. */
    private final class Sends {

        private final boolean[] acknowledged;
        private final AtomicInteger pending;
        private final UniEmitter<? super Delivery> emitter;
        private volatile String error;

        Sends(int count, UniEmitter<? super Delivery> emitter) {
            this.acknowledged = new boolean[count];
            // One more than the messages, so the Uni completes only after the last send returned.
            this.pending = new AtomicInteger(count + 1);
            this.emitter = emitter;
        }

        void sendAll(List<OutboundMessage> messages) {
            int sent = 0;
            for (OutboundMessage message : messages) {
                int index = sent;
                Future<RecordMetadata> acknowledgement;
                try {
                    acknowledgement = producer.send(new ProducerRecord<>(message.topic(), message.key(), serialise(message)),
                            (metadata, exception) -> completed(index, exception));
                } catch (RuntimeException e) {
                    // Typically a TimeoutException from max.block.ms: no metadata or no buffer space.
                    fail("Sending to " + message.topic() + " failed: " + e.getMessage());
                    break;
                }
                sent++;
                // A future that is already done has failed before reaching the broker (the producer
                // waited max.block.ms for metadata), so the next sends would each wait as long again.
                if (acknowledgement.isDone() && error != null) {
                    break;
                }
            }
            // The messages not sent count as failed; their callbacks will never run.
            if (pending.addAndGet(-(messages.size() - sent + 1)) == 0) {
                emit();
            }
        }

        private void completed(int index, Exception exception) {
            if (exception == null) {
                acknowledged[index] = true;
                healthy = true;
            } else {
                fail("Kafka did not acknowledge a message: " + exception.getMessage());
            }
            if (pending.decrementAndGet() == 0) {
                emit();
            }
        }

        private void fail(String reason) {
            healthy = false;
            if (error == null) {
                error = reason;
            }
        }

        private void emit() {
            // The atomic countdown orders every callback's write of acknowledged before this read.
            emitter.complete(new Delivery(acknowledged, error));
        }
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
