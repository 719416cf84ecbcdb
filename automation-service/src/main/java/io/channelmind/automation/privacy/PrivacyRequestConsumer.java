package io.channelmind.automation.privacy;

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
 * Consumes {@code cm.privacy-requests} for automation-service and confirms on
 * {@code cm.privacy-confirmations}, with {@link PrivacyRequestHandler}. After the deletes, the
 * erasure's transaction records the erased profile keys ({@link ErasedProfiles}). It is
 * created at startup, so a service without the key-encryption key stops at once.
 */
@Startup
@ApplicationScoped
public class PrivacyRequestConsumer {

    /** The name this service confirms privacy requests under. */
    public static final String SERVICE = "automation-service";

    // The outbox stores cm.deliveries events until the relay publishes them: keyed by profile key,
    // with the profile key in the payload.
    private static final List<PersonFilter> EXTRA_FILTERS = List.of(
            PersonFilter.byProfileKey("event_outbox", "t.event_key = any($1) or t.payload ->> 'profileKey' = any($1)"));

    private final PrivacyRequestHandler handler;

    public PrivacyRequestConsumer(ObjectMapper mapper, Pool pool, TopicSealer sealer,
            @Channel(PrivacyTopics.CONFIRMATIONS_CHANNEL) MutinyEmitter<String> confirmations) {
        this.handler = new PrivacyRequestHandler(SERVICE, new PersonRows(EXTRA_FILTERS), ErasedProfiles::markErased,
                mapper, pool,
                new PrivacyConfirmationPublisher(mapper, sealer, confirmations::sendMessage));
    }

    @Incoming(PrivacyTopics.REQUESTS_CHANNEL)
    public Uni<Void> consume(String payload) {
        return handler.handle(payload);
    }
}
