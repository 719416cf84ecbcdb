package io.channelmind.automation.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes delivery events to {@link Topics#DELIVERIES}, keyed by profile key. */
@ApplicationScoped
public class DeliveryPublisher {

    private final MutinyEmitter<DeliveryEvent> emitter;

    public DeliveryPublisher(@Channel(Topics.DELIVERIES_CHANNEL) MutinyEmitter<DeliveryEvent> emitter) {
        this.emitter = emitter;
    }

    /** Publishes the event; the returned Uni completes when Kafka acknowledged it (acks=all). */
    public Uni<Void> publish(String idempotencyKey, String profileKey, UUID campaignId, String channel, String copyId,
            Instant acceptedAt) {
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, idempotencyKey, profileKey,
                campaignId.toString(), channel, copyId, DeliveryEvent.STATUS_DELIVERED,
                acceptedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(profileKey)
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(metadata));
    }
}
