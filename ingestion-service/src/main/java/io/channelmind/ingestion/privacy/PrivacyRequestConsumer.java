package io.channelmind.ingestion.privacy;

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
 * Consumes {@code cm.privacy-requests} for ingestion-service and confirms on
 * {@code cm.privacy-confirmations}, with {@link PrivacyRequestHandler}. It is
 * created at startup, so a service without the key-encryption key stops at once.
 */
@Startup
@ApplicationScoped
public class PrivacyRequestConsumer {

    /** The name this service confirms privacy requests under. */
    public static final String SERVICE = "ingestion-service";

    // Rejected import rows keep the rejected value. It names the person when it is one of their
    // profile keys, or when its hash is one of their identity hashes. The value is normalised as
    // profile-service normalises e-mail addresses (trimmed, lower-cased) and phone numbers (the
    // digits and a leading +) before hashing.
    private static final List<PersonFilter> EXTRA_FILTERS = List.of(
            PersonFilter.byProfileKey("import_row_error", "btrim(t.value) = any($1)"),
            PersonFilter.byIdentityHash("import_row_error", """
                    encode(sha256(convert_to(lower(btrim(t.value)), 'UTF8')), 'hex') = any($1)
                    or encode(sha256(convert_to(case when btrim(t.value) like '+%' then '+' else '' end
                              || regexp_replace(t.value, '[^0-9]', '', 'g'), 'UTF8')), 'hex') = any($1)"""));

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
