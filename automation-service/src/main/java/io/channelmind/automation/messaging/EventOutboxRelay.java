package io.channelmind.automation.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.channelmind.automation.config.AutomationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the rows of {@code event_outbox} to Kafka and deletes them once Kafka acknowledged
 * them. Each poll claims a batch with {@code FOR UPDATE SKIP LOCKED} in one transaction, so
 * several instances share the outbox without publishing a row twice at the same time. A crash
 * after the acknowledgement and before the commit publishes the batch again, so consumers drop
 * repeats by event id.
 */
@ApplicationScoped
public class EventOutboxRelay {

    private static final Logger LOG = Logger.getLogger(EventOutboxRelay.class);
    // The payload comes back as text, so it is parsed once, into the event, and not first into a JsonObject.
    private static final String CLAIM = """
            select id, payload::text as payload from event_outbox order by id limit $1 for update skip locked
            """;
    private static final String DELETE = "delete from event_outbox where id = any($1)";

    private final Pool pool;
    private final EventOutbox outbox;
    private final DeliveryPublisher publisher;
    private final AutomationConfig config;
    private volatile Cancellable polling;
    private volatile boolean failing;

    public EventOutboxRelay(Pool pool, EventOutbox outbox, DeliveryPublisher publisher, AutomationConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        polling = Multi.createFrom().ticks().every(config.outbox().pollInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> drain()
                        .onFailure().recoverWithItem(this::logFailure))
                .subscribe().with(ignored -> { });
    }

    void stop(@Observes ShutdownEvent event) {
        if (polling != null) {
            polling.cancel();
        }
    }

    /** Publishes batches until the outbox is empty; returns the number of events published. */
    public Uni<Integer> drain() {
        return publishBatch().chain(published -> published < config.outbox().batchSize()
                ? Uni.createFrom().item(published)
                : drain().map(more -> published + more));
    }

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(config.outbox().batchSize()))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(publisher.publish(outbox.read(row.getString("payload"))));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> delete(connection, ids))
                            .invoke(() -> recovered(ids.size()))
                            .replaceWith(ids.size());
                }));
    }

    private static Uni<Void> delete(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    private void recovered(int published) {
        if (failing) {
            failing = false;
            LOG.infof("Publishing cm.deliveries events works again; published a batch of %d", published);
        }
    }

    /** Logs the first failure of a streak at WARN and the rest at DEBUG; the rows stay and the next poll retries them. */
    private Integer logFailure(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warnf("Publishing cm.deliveries events from the outbox failed, so they stay there and are retried every"
                    + " %s: %s", config.outbox().pollInterval(), failure.getMessage());
        } else {
            LOG.debugf("Publishing cm.deliveries events failed again: %s", failure.getMessage());
        }
        return 0;
    }
}
