package io.channelmind.web.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes and reads the service's append-only audit log, the table {@code audit_log} that the
 * migration {@code R__channelmind_audit_log.sql} creates in every service's database. An entry
 * is written inside the transaction of the change it describes, so a change that rolls back
 * leaves no entry, and the database rejects every UPDATE and DELETE of the table.
 */
@ApplicationScoped
public class AuditLog {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_KEY = "channelmind.request-id";
    private static final int MAX_REQUEST_ID_LENGTH = 100;
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private static final String INSERT = """
            insert into audit_log (actor, actor_roles, action, entity_type, entity_id, before, after, request_id)
            values (:actor, :roles, :action, :entityType, :entityId, cast(nullif(:before, '') as jsonb),
                cast(nullif(:after, '') as jsonb), nullif(:requestId, ''))
            """;
    private static final String JDBC_INSERT = """
            insert into audit_log (actor, actor_roles, action, entity_type, entity_id, before, after, request_id)
            values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
            """;
    private static final String CLIENT_INSERT = """
            insert into audit_log (actor, actor_roles, action, entity_type, entity_id, before, after, request_id, subject)
            values ($1, $2, $3, $4, $5, cast(cast($6 as text) as jsonb), cast(cast($7 as text) as jsonb), $8, $9)
            """;
    private static final String SELECT = """
            select id, to_char(time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, actor_roles, action,
                entity_type, entity_id, cast(subject as text), cast(before as text), cast(after as text), request_id
            from audit_log
            """;

    private final AuditRedaction redaction;
    private final ObjectMapper json;
    private final Instance<SecurityIdentity> identity;

    public AuditLog(ObjectMapper json, Instance<SecurityIdentity> identity) {
        this.redaction = new AuditRedaction(json);
        this.json = json;
        this.identity = identity;
    }

    /**
     * Appends an entry for a change to the current transaction. {@code before} and {@code after}
     * are the entity's views (null for none) and are redacted first. The actor and request id
     * are read when this method is called, so call it while the request is being handled.
     * Fails with {@link IllegalStateException} when no transaction is open, because an entry
     * outside the change's transaction could outlive a change that rolls back.
     */
    public Uni<Void> record(AuditAction action, String entityType, String entityId, Object before, Object after) {
        AuditActor actor = currentActor();
        String requestId = currentRequestId();
        String beforeJson = write(redaction.redact(before));
        String afterJson = write(redaction.redact(after));
        return Panache.currentTransaction().chain(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "An audit entry for " + entityType + " " + entityId + " must be written in the change's transaction"));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                    .setParameter("actor", actor.name())
                    .setParameter("roles", String.join(",", actor.roles()))
                    .setParameter("action", action.wireName())
                    .setParameter("entityType", entityType)
                    .setParameter("entityId", entityId)
                    .setParameter("before", beforeJson)
                    .setParameter("after", afterJson)
                    .setParameter("requestId", requestId)
                    .executeUpdate());
        }).invoke(() -> LOG.debugf("Audit: %s %s %s %s", actor.name(), action.wireName(), entityType, entityId))
                .replaceWithVoid();
    }

    /**
     * Appends an entry for a change made on a JDBC connection, in the connection's current
     * transaction, like {@link #record(AuditAction, String, String, Object, Object)} does for
     * Hibernate Reactive. The caller commits or rolls back.
     */
    public void record(Connection connection, AuditAction action, String entityType, String entityId, Object before,
            Object after) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException(
                    "An audit entry for " + entityType + " " + entityId + " must be written in the change's transaction");
        }
        AuditActor actor = currentActor();
        String requestId = currentRequestId();
        try (PreparedStatement insert = connection.prepareStatement(JDBC_INSERT)) {
            insert.setString(1, actor.name());
            insert.setString(2, String.join(",", actor.roles()));
            insert.setString(3, action.wireName());
            insert.setString(4, entityType);
            insert.setString(5, entityId);
            insert.setString(6, emptyToNull(write(redaction.redact(before))));
            insert.setString(7, emptyToNull(write(redaction.redact(after))));
            insert.setString(8, emptyToNull(requestId));
            insert.executeUpdate();
        }
        LOG.debugf("Audit: %s %s %s %s", actor.name(), action.wireName(), entityType, entityId);
    }

    /**
     * Appends an entry through a reactive SQL client that is inside a transaction, such as the
     * client of {@code Pool.withTransaction}, like {@link #record(AuditAction, String, String, Object, Object)}
     * does for Hibernate Reactive.
     */
    public Uni<Void> record(SqlClient transaction, AuditAction action, String entityType, String entityId,
            Object before, Object after) {
        return record(transaction, action, entityType, entityId, null, before, after);
    }

    /**
     * Appends an entry about a data subject through a reactive SQL client that is inside a
     * transaction. {@code subject} is the subject's pseudonym from {@link AuditSubjects#pseudonym},
     * and {@code entityId} must name the subject by that pseudonym too, never by its key, so
     * that an erasure, which deletes the pseudonym's mapping, unlinks the entry from the person.
     */
    public Uni<Void> record(SqlClient transaction, AuditAction action, String entityType, String entityId,
            UUID subject, Object before, Object after) {
        AuditActor actor = currentActor();
        Tuple values = Tuple.tuple(List.of(actor.name(), String.join(",", actor.roles()), action.wireName(), entityType,
                entityId))
                .addString(emptyToNull(write(redaction.redact(before))))
                .addString(emptyToNull(write(redaction.redact(after))))
                .addString(emptyToNull(currentRequestId()))
                .addUUID(subject);
        return transaction.preparedQuery(CLIENT_INSERT).execute(values)
                .invoke(() -> LOG.debugf("Audit: %s %s %s %s", actor.name(), action.wireName(), entityType, entityId))
                .replaceWithVoid();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Returns the entries that match the query, newest first, in a session of their own. */
    public Uni<AuditPage> find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        query.entityType().ifPresent(value -> condition(conditions, parameters, "entity_type = :entityType", "entityType", value));
        query.entityId().ifPresent(value -> condition(conditions, parameters, "entity_id = :entityId", "entityId", value));
        query.subjectKey().ifPresent(value -> condition(conditions, parameters,
                "subject = (select s.pseudonym from audit_subject s where s.subject_key = :subjectKey)", "subjectKey",
                value));
        query.actor().ifPresent(value -> condition(conditions, parameters, "actor = :actor", "actor", value));
        query.action().ifPresent(value -> condition(conditions, parameters, "action = :action", "action", value.wireName()));
        query.from().ifPresent(value -> condition(conditions, parameters, "time >= :from", "from", value));
        query.to().ifPresent(value -> condition(conditions, parameters, "time < :to", "to", value));
        query.before().ifPresent(value -> condition(conditions, parameters, "id < :before", "before", value));
        String sql = SELECT + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by id desc limit " + (query.limit() + 1);

        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            var select = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        })).map(rows -> page(rows, query.limit()));
    }

    private static void condition(List<String> conditions, Map<String, Object> parameters, String sql, String name,
            Object value) {
        conditions.add(sql);
        parameters.put(name, value);
    }

    private AuditPage page(List<Object[]> rows, int limit) {
        List<AuditEntry> entries = rows.stream().limit(limit).map(this::entry).toList();
        Long nextBefore = rows.size() > limit ? entries.get(entries.size() - 1).id() : null;
        return new AuditPage(entries, nextBefore);
    }

    private AuditEntry entry(Object[] row) {
        String roles = (String) row[3];
        return new AuditEntry(((Number) row[0]).longValue(), Instant.parse((String) row[1]), (String) row[2],
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], read((String) row[8]), read((String) row[9]),
                (String) row[10]);
    }

    private AuditActor currentActor() {
        // A scheduler or consumer may run with a request context but without an HTTP request.
        // There is no caller to resolve then, and trying would block the event loop.
        if (!Arc.container().requestContext().isActive()
                || Arc.container().instance(CurrentVertxRequest.class).get().getCurrent() == null) {
            return AuditActor.system();
        }
        if (!identity.isResolvable()) {
            return AuditActor.anonymous();
        }
        try {
            return AuditActor.of(identity.get());
        } catch (BlockingOperationNotAllowedException e) {
            // Authentication is lazy, so only a role check resolves the identity. An endpoint
            // without one is public (such as a double opt-in confirmation), and its caller acts
            // through a signed link, not as a user, even when the request carries a token.
            return AuditActor.anonymous();
        }
    }

    /**
     * Returns the request's {@value #REQUEST_ID_HEADER}, or an id made up once per request when the
     * client sent none, so the entries of one request share it. Returns an empty string outside
     * a request.
     */
    private static String currentRequestId() {
        if (!Arc.container().requestContext().isActive()) {
            return "";
        }
        RoutingContext context = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        if (context == null) {
            return "";
        }
        String id = context.get(REQUEST_ID_KEY);
        if (id == null) {
            String header = context.request().getHeader(REQUEST_ID_HEADER);
            id = header == null || header.isBlank() ? UUID.randomUUID().toString()
                    : header.strip().substring(0, Math.min(header.strip().length(), MAX_REQUEST_ID_LENGTH));
            context.put(REQUEST_ID_KEY, id);
        }
        return id;
    }

    private String write(JsonNode node) {
        if (node == null) {
            return "";
        }
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The database returned invalid JSON in the audit log", e);
        }
    }
}
