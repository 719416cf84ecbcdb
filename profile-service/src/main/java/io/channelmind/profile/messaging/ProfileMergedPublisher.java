package io.channelmind.profile.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.ProfileMergedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes profile merges to {@code cm.profile-merged}, keyed by the surviving profile key. */
@ApplicationScoped
public class ProfileMergedPublisher {

    private static final Logger LOG = Logger.getLogger(ProfileMergedPublisher.class);

    private final KeyedJsonSender<ProfileMergedEvent> sender;

    /** Buffers without bound for the same reason as {@link MembershipPublisher}: callers wait for each batch. */
    public ProfileMergedPublisher(@Channel(Topics.PROFILE_MERGED)
            @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.sender = new KeyedJsonSender<>(emitter, mapper, ProfileMergedEvent::survivingProfileKey);
    }

    /** Sends the events and completes when the broker has acknowledged all of them. */
    public Uni<Void> publish(List<ProfileMergedEvent> events) {
        return sender.sendAll(events).invoke(() -> {
            if (!events.isEmpty()) {
                LOG.infof("Published %d profile merges", events.size());
            }
        });
    }
}
