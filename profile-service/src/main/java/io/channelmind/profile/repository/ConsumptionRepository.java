package io.channelmind.profile.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Records which events were applied (for de-duplication) and how many were consumed per topic and import. */
@ApplicationScoped
public class ConsumptionRepository {

    private static final String MARK_PROCESSED = """
            insert into processed_event (topic, event_id)
            select $1, unnest($2::text[])
            on conflict do nothing
            returning event_id""";

    private static final String ADD_TOPIC_COUNT = """
            insert into topic_progress (topic, events_consumed) values ($1, $2)
            on conflict (topic) do update set events_consumed = topic_progress.events_consumed + excluded.events_consumed""";

    private static final String ADD_IMPORT_COUNTS = """
            insert into import_progress (import_id, events_consumed)
            select * from unnest($1::text[], $2::int8[])
            on conflict (import_id) do update set
                events_consumed = import_progress.events_consumed + excluded.events_consumed,
                updated_at = now()""";

    /**
     * Records the events as applied and returns the ids that were not recorded before; the
     * others are replays. Inside a transaction, a concurrent transaction that records the same
     * id makes this call wait until that transaction ends.
     */
    public Uni<Set<String>> markProcessed(SqlClient client, String topic, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery(MARK_PROCESSED).execute(Tuple.of(topic, eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }

    /** Adds {@code records} to the topic's consumed count and {@code perImport} to each import's count. */
    public Uni<Void> addConsumed(SqlClient client, String topic, long records, Map<String, Long> perImport) {
        Uni<Void> topicCount = client.preparedQuery(ADD_TOPIC_COUNT).execute(Tuple.of(topic, records)).replaceWithVoid();
        if (perImport.isEmpty()) {
            return topicCount;
        }
        // Sorted, so that two batches always lock the import rows in the same order.
        Map<String, Long> sorted = new TreeMap<>(perImport);
        Tuple parameters = Tuple.of(sorted.keySet().toArray(String[]::new), sorted.values().toArray(Long[]::new));
        return client.preparedQuery(ADD_IMPORT_COUNTS).execute(parameters).replaceWithVoid()
                .chain(() -> topicCount);
    }

    /** Returns the number of events consumed for the import; 0 for an unknown import. */
    public Uni<Long> importConsumed(SqlClient client, String importId) {
        return client.preparedQuery("select events_consumed from import_progress where import_id = $1")
                .execute(Tuple.of(importId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** Returns the number of records consumed from the topic; 0 before the first one. */
    public Uni<Long> topicConsumed(SqlClient client, String topic) {
        return client.preparedQuery("select events_consumed from topic_progress where topic = $1")
                .execute(Tuple.of(topic))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }
}
