package io.channelmind.profile.messaging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends payloads as JSON records with a key taken from each payload, through one emitter. */
public final class KeyedJsonSender<T> {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final Function<T, String> key;

    public KeyedJsonSender(MutinyEmitter<String> emitter, ObjectMapper mapper, Function<T, String> key) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.key = key;
    }

    /** Sends the payloads and completes when the broker has acknowledged all of them. */
    public Uni<Void> sendAll(List<T> payloads) {
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(payloads.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(T payload) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key.apply(payload))
                .build();
        return emitter.sendMessage(Message.of(toJson(payload)).addMetadata(metadata));
    }

    private String toJson(T payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising " + payload.getClass().getSimpleName() + " failed", e);
        }
    }
}
