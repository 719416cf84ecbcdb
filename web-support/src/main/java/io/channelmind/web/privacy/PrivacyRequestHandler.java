package io.channelmind.web.privacy;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Handles a record of {@code cm.privacy-requests} for one service: erases or exports the person's
 * rows in one transaction and then confirms on {@code cm.privacy-confirmations}. A replayed request
 * is confirmed again, with zero rows deleted for an erasure. A record that is not valid JSON or
 * lacks the request id, a known kind or a profile key is logged and skipped. Each service calls
 * it from its own {@code @Incoming} method, whose channel and consumer group it configures.
 */
public class PrivacyRequestHandler {

    /** A step that runs in the erasure's transaction after the rows are deleted. */
    @FunctionalInterface
    public interface ErasureStep {
        Uni<Void> apply(SqlClient client, PrivacyRequest request);
    }

    private static final Logger LOG = Logger.getLogger(PrivacyRequestHandler.class);

    private final String service;
    private final PersonRows rows;
    private final ErasureStep afterErase;
    private final ObjectMapper mapper;
    private final Pool pool;
    private final PrivacyConfirmationPublisher publisher;

    /**
     * Takes the name the service confirms under, its rows, the step to run after an erasure's
     * deletes (or none) and what it reads, writes and publishes with.
     */
    public PrivacyRequestHandler(String service, PersonRows rows, ErasureStep afterErase, ObjectMapper mapper,
            Pool pool, PrivacyConfirmationPublisher publisher) {
        this.service = service;
        this.rows = rows;
        this.afterErase = afterErase;
        this.mapper = mapper;
        this.pool = pool;
        this.publisher = publisher;
    }

    /** Takes the same, for a service with no step after an erasure's deletes. */
    public PrivacyRequestHandler(String service, PersonRows rows, ObjectMapper mapper, Pool pool,
            PrivacyConfirmationPublisher publisher) {
        this(service, rows, (client, request) -> Uni.createFrom().voidItem(), mapper, pool, publisher);
    }

    /** Handles one record and completes when its confirmation is acknowledged, or at once when it is skipped. */
    public Uni<Void> handle(String payload) {
        PrivacyRequest request = parse(payload);
        if (request == null || !request.isComplete()) {
            LOG.warn("Skipped a malformed privacy request (invalid JSON, or requestId, kind or profileKeys missing)");
            return Uni.createFrom().voidItem();
        }
        Uni<PrivacyConfirmation> confirmation = PrivacyRequest.ERASURE.equals(request.kind())
                ? pool.withTransaction(client -> rows.erase(client, request)
                        .call(() -> afterErase.apply(client, request)))
                        .invoke(deleted -> LOG.infof("Erased %d rows for privacy request %s",
                                deleted.values().stream().mapToLong(Long::longValue).sum(), request.requestId()))
                        .map(deleted -> PrivacyConfirmation.erased(service, request, deleted))
                : pool.withTransaction(client -> rows.export(client, request))
                        .invoke(data -> LOG.infof("Exported %d tables for privacy request %s", data.size(),
                                request.requestId()))
                        .map(data -> PrivacyConfirmation.exported(service, request, data));
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
