package io.channelmind.web.privacy;

import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicSealer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes a service's confirmations to {@code cm.privacy-confirmations}, keyed by request id.
 * An export's rows can name the person, so they travel sealed with the topic envelope.
 */
public class PrivacyConfirmationPublisher {

    /** The name under which an export's rows, as one JSON document, are sealed. */
    public static final String SEALED_DATA = "data";

    private final ObjectMapper mapper;
    private final TopicSealer sealer;
    private final Function<Message<String>, Uni<Void>> send;

    /**
     * Takes {@code send}, which sends a message on the service's confirmations channel and
     * completes when the broker has acknowledged it ({@code MutinyEmitter::sendMessage}).
     */
    public PrivacyConfirmationPublisher(ObjectMapper mapper, TopicSealer sealer,
            Function<Message<String>, Uni<Void>> send) {
        this.mapper = mapper;
        this.sealer = sealer;
        this.send = send;
    }

    /** Sends the confirmation and completes when the broker has acknowledged it. */
    public Uni<Void> publish(PrivacyConfirmation confirmation) {
        Message<String> message;
        try {
            message = message(confirmation);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Serialising a privacy confirmation failed", e));
        }
        return send.apply(message);
    }

    /** Returns the Kafka message of the confirmation: its JSON with the rows sealed, keyed by request id. */
    Message<String> message(PrivacyConfirmation confirmation) throws JsonProcessingException {
        String json = mapper.writeValueAsString(sealData(confirmation));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(confirmation.requestId())
                .build();
        return Message.of(json).addMetadata(metadata);
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
