package io.channelmind.optimizer.privacy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.TopicSealer;
import io.channelmind.web.privacy.PersonFilter;
import io.channelmind.web.privacy.PersonRows;
import io.channelmind.web.privacy.PrivacyConfirmationPublisher;
import io.channelmind.web.privacy.PrivacyRequestHandler;
import io.channelmind.web.privacy.PrivacyTopics;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Consumes {@code cm.privacy-requests} for channel-optimizer and confirms on
 * {@code cm.privacy-confirmations}, with {@link PrivacyRequestHandler}. It is
 * created at startup, so a service without the key-encryption key stops at once.
 */
@Startup
@ApplicationScoped
public class PrivacyRequestConsumer {

    /** The name this service confirms privacy requests under. */
    public static final String SERVICE = "channel-optimizer";

    // Every table of this service that names a person has a profile_key column; processed_event
    // stores event ids, which are UUIDs without the profile key.
    private static final List<PersonFilter> EXTRA_FILTERS = List.of();

    private final PrivacyRequestHandler handler;

    public PrivacyRequestConsumer(ObjectMapper mapper, Pool pool, TopicSealer sealer,
            @Channel(PrivacyTopics.CONFIRMATIONS_CHANNEL) MutinyEmitter<String> confirmations) {
        this.handler = new PrivacyRequestHandler(SERVICE, new PersonRows(EXTRA_FILTERS), mapper, pool,
                new PrivacyConfirmationPublisher(mapper, sealer, confirmations::sendMessage));
    }

    @Incoming(PrivacyTopics.REQUESTS_CHANNEL)
    public Uni<Void> consume(String payload) {
        return handler.handle(payload);
    }
}
