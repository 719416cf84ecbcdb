package io.channelmind.profile.privacy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.messaging.KeyedJsonSender;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.web.privacy.PrivacyRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes privacy requests to {@code cm.privacy-requests}, keyed by request id. */
@ApplicationScoped
public class PrivacyRequestPublisher {

    private final KeyedJsonSender<PrivacyRequest> sender;

    public PrivacyRequestPublisher(@Channel(Topics.PRIVACY_REQUESTS)
            @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.sender = new KeyedJsonSender<>(emitter, mapper, PrivacyRequest::requestId);
    }

    /** Sends the request and completes when the broker has acknowledged it. */
    public Uni<Void> publish(PrivacyRequest request) {
        return sender.sendAll(List.of(request));
    }
}
