package io.channelmind.automation.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Consumes {@code cm.privacy-requests}: erases or exports the person's rows in one transaction and
 * then confirms on {@code cm.privacy-confirmations}. A replayed request is confirmed again, with
 * zero rows deleted for an erasure. A record that is not valid JSON or lacks the request id, a
 * known kind or a profile key is logged and skipped.
 */
@ApplicationScoped
public class PrivacyRequestConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyRequestConsumer.class);

    private final ObjectMapper mapper;
    private final Pool pool;
    private final PersonRows rows;
    private final PrivacyConfirmationPublisher publisher;

    public PrivacyRequestConsumer(ObjectMapper mapper, Pool pool, PersonRows rows,
            PrivacyConfirmationPublisher publisher) {
        this.mapper = mapper;
        this.pool = pool;
        this.rows = rows;
        this.publisher = publisher;
    }

    @Incoming(PrivacyTopics.REQUESTS_CHANNEL)
    public Uni<Void> consume(String payload) {
        PrivacyRequest request = parse(payload);
        if (request == null || !request.isComplete()) {
            LOG.warn("Skipped a malformed privacy request (invalid JSON, or requestId, kind or profileKeys missing)");
            return Uni.createFrom().voidItem();
        }
        Uni<PrivacyConfirmation> confirmation = PrivacyRequest.ERASURE.equals(request.kind())
                ? pool.withTransaction(client -> rows.erase(client, request)
                        .call(() -> rows.markErased(client, request)))
                        .invoke(deleted -> LOG.infof("Erased %d rows for privacy request %s",
                                deleted.values().stream().mapToLong(Long::longValue).sum(), request.requestId()))
                        .map(deleted -> PrivacyConfirmation.erased(request, deleted))
                : pool.withTransaction(client -> rows.export(client, request))
                        .invoke(data -> LOG.infof("Exported %d tables for privacy request %s", data.size(),
                                request.requestId()))
                        .map(data -> PrivacyConfirmation.exported(request, data));
        return confirmation.chain(publisher::publish);
    }

    private PrivacyRequest parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, PrivacyRequest.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
