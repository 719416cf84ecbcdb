package io.channelmind.optimizer.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stores JSON documents with an id, an optional name and a creation time in one table, and reads
 * them back: the shared part of the curve-fit and attribution-run repositories. The table and
 * column names are constants of the subclasses, never request input.
 */
abstract class StoredDocuments<T> {

    private final ObjectMapper json;
    private final Class<T> type;
    private final String insert;
    private final String select;
    private final String list;

    StoredDocuments(ObjectMapper json, Class<T> type, String table, String column) {
        this.json = json;
        this.type = type;
        this.insert = "insert into " + table + " (id, name, " + column + ")"
                + " values (:id, :name, cast(cast(:document as text) as jsonb)) returning created_at";
        this.select = "select cast(" + column + " as text), name, created_at from " + table + " where id = :id";
        this.list = "select id, name, created_at from " + table + " order by created_at desc, id limit :limit";
    }

    /** Inserts the document under a new id and returns the id and creation time. */
    Uni<StoredSummary> insertDocument(String name, T document) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery(insert, Object.class)
                        .setParameter("id", id)
                        .setParameter("name", name)
                        .setParameter("document", write(document))
                        .getSingleResult())
                .map(created -> new StoredSummary(id, name, timestamp(created)));
    }

    /** Returns the document with its name and creation time, or null when no row has the id. */
    Uni<Stored<T>> findDocument(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(select, Object[].class)
                        .setParameter("id", id)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Stored<>(new StoredSummary(id, (String) rows.get(0)[1],
                        timestamp(rows.get(0)[2])), read(id, (String) rows.get(0)[0])));
    }

    /** Returns the newest documents first, at most {@code limit}. */
    public Uni<List<StoredSummary>> list(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(list, Object[].class)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new StoredSummary((UUID) row[0], (String) row[1], timestamp(row[2])))
                        .toList());
    }

    /** A document read back with its summary. */
    record Stored<T>(StoredSummary summary, T document) {
    }

    private T read(UUID id, String text) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " " + id + " is not readable JSON", e);
        }
    }

    private String write(T document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a " + type.getSimpleName() + " as JSON", e);
        }
    }

    static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + (value == null ? null : value.getClass()));
    }
}
