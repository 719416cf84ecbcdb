package io.channelmind.profile.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Segment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores segment definitions and guards their creation with the catalog lock. The Panache
 * methods need a Hibernate Reactive session, which the caller opens.
 */
@ApplicationScoped
public class SegmentRepository implements PanacheRepositoryBase<SegmentEntity, String> {

    /**
     * Key of the PostgreSQL advisory lock that orders segment creation against event batches.
     * Batches hold it shared while they evaluate segments, and creation holds it exclusively while
     * it inserts a segment. So every batch either evaluates the new segment too, or commits before
     * the evaluation of the new segment over all profiles starts.
     */
    private static final long CATALOG_LOCK = 0x6370_7365_676dL;

    /** Takes the catalog lock in shared mode until the event batch transaction on {@code client} ends. */
    public Uni<Void> lockCatalogShared(SqlClient client) {
        return client.preparedQuery("select pg_advisory_xact_lock_shared($1)").execute(Tuple.of(CATALOG_LOCK))
                .replaceWithVoid();
    }

    /**
     * Takes the catalog lock exclusively until the current Panache transaction ends, waiting for
     * running batches. The function is called in the from clause so that the query returns an
     * integer column instead of the function's void value.
     */
    public Uni<Void> lockCatalogExclusive() {
        return getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_advisory_xact_lock(:key)", Integer.class)
                        .setParameter("key", CATALOG_LOCK)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Inserts the segment unless one with that name exists, and returns whether it did. The
     * caller must hold the exclusive catalog lock, which every creation takes, so no other
     * creation can insert the same name between the look-up and the insert.
     */
    public Uni<Boolean> insertIfAbsent(Segment segment) {
        return findById(segment.name()).chain(existing -> existing != null
                ? Uni.createFrom().item(false)
                : persist(SegmentEntity.from(segment)).replaceWith(true));
    }

    /** Lists every segment ordered by name, in byte order because the column has the "C" collation. */
    public Uni<List<Segment>> listByName() {
        return listAll(Sort.by("name")).map(all -> all.stream().map(SegmentEntity::toSegment).toList());
    }

    /** Returns the segment with that name, or an empty optional when there is none. */
    public Uni<Optional<Segment>> findByName(String name) {
        return findById(name).map(entity -> Optional.ofNullable(entity).map(SegmentEntity::toSegment));
    }

    /**
     * Lists every rule segment on the connection of an event batch, which must hold the shared catalog
     * lock. The read stays on the SQL client so that it costs one statement in the batch
     * transaction, not a second pooled connection and session per batch.
     */
    public Uni<List<Segment>> listInTransaction(SqlClient client) {
        return client.query("select name, kind, rule, description, description_zh, as_of, created_at from segment "
                + "where kind = 'rule' order by name").execute()
                .map(rows -> {
                    List<Segment> segments = new ArrayList<>();
                    rows.forEach(row -> segments.add(toSegment(row)));
                    return segments;
                });
    }

    private static Segment toSegment(Row row) {
        OffsetDateTime asOf = row.getOffsetDateTime("as_of");
        OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
        return new Segment(row.getString("name"), row.getString("kind"), row.getString("rule"),
                row.getString("description"), row.getString("description_zh"), asOf == null ? null : asOf.toInstant(), createdAt == null ? null : createdAt.toInstant());
    }
}
