package io.channelmind.content.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes this service's confirmations to {@code cm.privacy-confirmations}, keyed by request id. */
@ApplicationScoped
public class PrivacyConfirmationPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public PrivacyConfirmationPublisher(@Channel(PrivacyTopics.CONFIRMATIONS_CHANNEL) MutinyEmitter<String> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Sends the confirmation and completes when the broker has acknowledged it. */
    public Uni<Void> publish(PrivacyConfirmation confirmation) {
        String json;
        try {
            json = mapper.writeValueAsString(confirmation);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Serialising a privacy confirmation failed", e));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(confirmation.requestId())
                .build();
        return emitter.sendMessage(Message.of(json).addMetadata(metadata));
    }
}
