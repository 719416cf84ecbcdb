package io.channelmind.automation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes delivery events to {@link Topics#DELIVERIES}; only {@link EventOutboxRelay} calls it. */
@ApplicationScoped
public class DeliveryPublisher {

    private final MutinyEmitter<DeliveryEvent> emitter;

    public DeliveryPublisher(@Channel(Topics.DELIVERIES_CHANNEL) MutinyEmitter<DeliveryEvent> emitter) {
        this.emitter = emitter;
    }

    /** Publishes the event with the profile key as record key; the Uni completes when Kafka acknowledged it (acks=all). */
    public Uni<Void> publish(DeliveryEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.profileKey())
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(metadata));
    }
}
