package io.channelmind.profile.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.ConsentChangeEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes consent changes to {@code cm.consent-changes}, keyed by profile key. */
@ApplicationScoped
public class ConsentChangePublisher {

    private static final Logger LOG = Logger.getLogger(ConsentChangePublisher.class);

    private final KeyedJsonSender<ConsentChangeEvent> sender;

    /** Buffers without bound for the same reason as {@link MembershipPublisher}: callers wait for each batch. */
    public ConsentChangePublisher(@Channel(Topics.CONSENT_CHANGES)
            @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.sender = new KeyedJsonSender<>(emitter, mapper, ConsentChangeEvent::profileKey);
    }

    /** Sends the events and completes when the broker has acknowledged all of them. */
    public Uni<Void> publish(List<ConsentChangeEvent> events) {
        return sender.sendAll(events).invoke(() -> {
            if (!events.isEmpty()) {
                LOG.infof("Published %d consent changes", events.size());
            }
        });
    }
}
