package io.channelmind.content.privacy;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicSealer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes this service's confirmations to {@code cm.privacy-confirmations}, keyed by request id.
 * An export's rows can name the person, so they travel sealed with the topic envelope. It is
 * created at startup, so a service without the key-encryption key stops at once.
 */
@Startup
@ApplicationScoped
public class PrivacyConfirmationPublisher {

    /** The name under which an export's rows, as one JSON document, are sealed. */
    public static final String SEALED_DATA = "data";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final TopicSealer sealer;

    public PrivacyConfirmationPublisher(@Channel(PrivacyTopics.CONFIRMATIONS_CHANNEL) MutinyEmitter<String> emitter,
            ObjectMapper mapper, TopicSealer sealer) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.sealer = sealer;
    }

    /** Sends the confirmation and completes when the broker has acknowledged it. */
    public Uni<Void> publish(PrivacyConfirmation confirmation) {
        String json;
        try {
            json = mapper.writeValueAsString(sealData(confirmation));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Serialising a privacy confirmation failed", e));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(confirmation.requestId())
                .build();
        return emitter.sendMessage(Message.of(json).addMetadata(metadata));
    }

    /** Moves an export's rows into {@code sealedData}, readable only with the key-encryption key. */
    private PrivacyConfirmation sealData(PrivacyConfirmation confirmation) throws JsonProcessingException {
        if (confirmation.data() == null) {
            return confirmation;
        }
        String rows = mapper.writeValueAsString(confirmation.data());
        SealedTraits sealed = sealer.seal(PrivacyTopics.CONFIRMATIONS, confirmation.eventId(), Map.of(SEALED_DATA, rows));
        return confirmation.withSealedData(sealed);
    }
}
