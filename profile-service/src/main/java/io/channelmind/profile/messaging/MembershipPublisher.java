package io.channelmind.profile.messaging;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes segment entries and exits to {@code cm.segment-membership}, keyed by profile key,
 * with acks=all and idempotence on.
 *
 * <p>It uses a plain Kafka producer rather than a SmallRye emitter because the customer-event
 * consumer waits for these acknowledgements before it acknowledges its own batch. With a
 * {@code MutinyEmitter} called from that consumer, the acknowledgement Uni sometimes never
 * completed on the local stack (three partitions), which stalled the consumer.
 * NOTE: the cause inside SmallRye was not found; the plain producer has not stalled since.
 */
@ApplicationScoped
public class MembershipPublisher {

    private static final Logger LOG = Logger.getLogger(MembershipPublisher.class);

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper mapper;

    public MembershipPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper mapper) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-service-segment-membership");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.mapper = mapper;
    }

    /** Sends the events and completes when the broker has acknowledged all of them. */
    public Uni<Void> publish(List<SegmentMembershipEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            // The producer completes acknowledgements on its network thread; the caller continues on
            // its own Vert.x context, which database sessions require.
            Context caller = Vertx.currentContext();
            CompletableFuture<?>[] sends = events.stream().map(this::send).toArray(CompletableFuture[]::new);
            Uni<Void> acknowledged = Uni.createFrom().completionStage(CompletableFuture.allOf(sends)).replaceWithVoid();
            return caller == null ? acknowledged
                    : acknowledged.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        }).invoke(() -> LOG.debugf("Published %d segment membership changes", events.size()));
    }

    private CompletableFuture<Void> send(SegmentMembershipEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SEGMENT_MEMBERSHIP, event.profileKey(),
                toJson(event));
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(failure);
            }
        });
        return acknowledged;
    }

    private String toJson(SegmentMembershipEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising segment membership event " + event.eventId() + " failed", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
