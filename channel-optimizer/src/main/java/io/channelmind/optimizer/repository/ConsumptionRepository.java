package io.channelmind.optimizer.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.channelmind.optimizer.domain.ImportProgress;
import io.channelmind.optimizer.domain.TopicCounter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Counts consumed events per import and per topic. The counters are upserted with additions,
 * so two consumers (replicas on different partitions) can add to the same row safely.
 */
@ApplicationScoped
public class ConsumptionRepository {

    // The rows are inserted in import id order, so two transactions that add to the same imports
    // normally lock those rows in the same order and do not deadlock.
    private static final String ADD_IMPORT_COUNTS = """
            insert into import_progress (import_id, events_consumed)
            select import_id, events from %s as c(import_id text, events bigint)
            order by import_id
            on conflict (import_id) do update
                set events_consumed = import_progress.events_consumed + excluded.events_consumed
            """.formatted(JsonRows.EXPAND);

    private static final String ADD_TOPIC_COUNTS = """
            insert into topic_counter (topic, events_consumed, events_applied)
            values (:topic, :consumed, :applied)
            on conflict (topic) do update
                set events_consumed = topic_counter.events_consumed + excluded.events_consumed,
                    events_applied = topic_counter.events_applied + excluded.events_applied
            """;

    private static final String COUNT_PROFILES = "select count(*) from profile";

    private final JsonRows jsonRows;

    public ConsumptionRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    /** Adds the event counts per import id; call it inside a transaction. */
    public Uni<Void> addImportCounts(Map<String, Long> eventsPerImport) {
        if (eventsPerImport.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ImportCount> rows = eventsPerImport.entrySet().stream()
                .map(entry -> new ImportCount(entry.getKey(), entry.getValue()))
                .toList();

        return Panache.getSession().chain(session -> session.createNativeQuery(ADD_IMPORT_COUNTS)
                        .setParameter("rows", jsonRows.write(rows))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Adds consumed and applied event counts for a topic; call it inside a transaction. */
    public Uni<Void> addTopicCounts(String topic, long consumed, long applied) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ADD_TOPIC_COUNTS)
                        .setParameter("topic", topic)
                        .setParameter("consumed", consumed)
                        .setParameter("applied", applied)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Returns the events consumed from the import, 0 for an import never seen. */
    public Uni<Long> importEventsConsumed(String importId) {
        return Panache.getSession()
                .chain(session -> session.find(ImportProgress.class, importId))
                .map(progress -> progress == null ? 0L : progress.eventsConsumed);
    }

    /** Returns the counters of the topic, or null before its first event. */
    public Uni<TopicCounter> topicCounter(String topic) {
        return Panache.getSession().chain(session -> session.find(TopicCounter.class, topic));
    }

    /** Returns the number of distinct profile keys seen on customer events. */
    public Uni<Long> countProfiles() {
        return Panache.getSession().chain(session -> session.createNativeQuery(COUNT_PROFILES, Long.class)
                .getSingleResult());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportCount(String importId, long events) {
    }
}
