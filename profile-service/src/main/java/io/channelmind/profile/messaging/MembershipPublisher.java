package io.channelmind.profile.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes segment entries and exits to {@code cm.segment-membership}, keyed by profile key. */
@ApplicationScoped
public class MembershipPublisher {

    private static final Logger LOG = Logger.getLogger(MembershipPublisher.class);

    private final KeyedJsonSender<SegmentMembershipEvent> sender;

    /**
     * The emitter buffers without bound because {@link #publish} hands over a whole batch at once.
     * Callers wait for each batch, so at most one batch of changes per caller is buffered.
     */
    public MembershipPublisher(@Channel(Topics.SEGMENT_MEMBERSHIP)
            @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.sender = new KeyedJsonSender<>(emitter, mapper, SegmentMembershipEvent::profileKey);
    }

    /** Sends the events and completes when the broker has acknowledged all of them. */
    public Uni<Void> publish(List<SegmentMembershipEvent> events) {
        return sender.sendAll(events)
                .invoke(() -> LOG.debugf("Published %d segment membership changes", events.size()));
    }
}
