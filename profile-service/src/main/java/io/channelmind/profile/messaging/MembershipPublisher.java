package io.channelmind.profile.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes segment entries and exits to {@code cm.segment-membership}, keyed by profile key. */
@ApplicationScoped
public class MembershipPublisher {

    private static final Logger LOG = Logger.getLogger(MembershipPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    /**
     * The emitter buffers without bound because {@link #publish} hands over a whole batch at once.
     * Callers wait for each batch, so at most one batch of changes per caller is buffered.
     */
    public MembershipPublisher(@Channel(Topics.SEGMENT_MEMBERSHIP)
            @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Sends the events and completes when the broker has acknowledged all of them. */
    public Uni<Void> publish(List<SegmentMembershipEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(this::send).toList()).andFailFast()
                .invoke(() -> LOG.debugf("Published %d segment membership changes", events.size()))
                .replaceWithVoid();
    }

    private Uni<Void> send(SegmentMembershipEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.profileKey())
                .build();
        return emitter.sendMessage(Message.of(toJson(event)).addMetadata(metadata));
    }

    private String toJson(SegmentMembershipEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising segment membership event " + event.eventId() + " failed", e);
        }
    }
}
