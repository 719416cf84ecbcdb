package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;

/** Journey definitions and their per-step counts in PostgreSQL, over JDBC. */
@ApplicationScoped
public class JourneyStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Entity type of journeys in the audit log. */
    static final String ENTITY = "journey";

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditLog audit;

    @Inject
    public JourneyStore(DataSource dataSource, AuditLog audit) {
        this(dataSource, Clock.systemUTC(), audit);
    }

    JourneyStore(DataSource dataSource, Clock clock, AuditLog audit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.audit = audit;
    }

    /** A journey's status in the audit log. */
    record StatusAudit(String status) {
    }

    /** A stored journey. */
    public record StoredJourney(UUID id, JourneyDefinition definition, String status, Instant createdAt, Instant updatedAt) {
    }

    public StoredJourney create(JourneyDefinition definition) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into journey (id, name, definition, status, created_at, updated_at)"
                            + " values (?, ?, ?::jsonb, 'active', ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, definition.name());
                insert.setString(3, write(definition));
                insert.setTimestamp(4, Jdbc.timestamp(now));
                insert.setTimestamp(5, Jdbc.timestamp(now));
                insert.executeUpdate();
            }
            audit.record(connection, AuditAction.CREATED, ENTITY, id.toString(), null, definition);
            return null;
        });
        return new StoredJourney(id, definition, "active", now, now);
    }

    public Optional<StoredJourney> find(UUID id) {
        return Jdbc.inTransaction(dataSource, connection -> find(connection, id, false));
    }

    Optional<StoredJourney> find(Connection connection, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, definition, status, created_at, updated_at from journey where id = ?" + (lock ? " for update" : ""))) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    public List<StoredJourney> list() {
        return query("select id, definition, status, created_at, updated_at from journey order by created_at", null);
    }

    /** Returns the active journeys whose trigger has the given type. */
    public List<StoredJourney> activeWithTrigger(String triggerType) {
        return query("select id, definition, status, created_at, updated_at from journey"
                + " where status = 'active' and definition -> 'trigger' ->> 'type' = ? order by created_at", triggerType);
    }

    private List<StoredJourney> query(String sql, String parameter) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    select.setString(1, parameter);
                }
                List<StoredJourney> journeys = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        journeys.add(read(row));
                    }
                }
                return journeys;
            }
        });
    }

    /**
     * Replaces the definition. Returns the step ids that entries still occupy but the new
     * definition lacks; the update is not applied when that list is not empty.
     */
    public List<String> update(UUID id, JourneyDefinition definition) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<String> orphaned = new ArrayList<>();
            try (PreparedStatement occupied = connection.prepareStatement(
                    "select distinct step_id from journey_entry where journey_id = ? and status in ('active', 'waiting', 'deferred')")) {
                occupied.setObject(1, id);
                try (ResultSet row = occupied.executeQuery()) {
                    while (row.next()) {
                        if (definition.step(row.getString(1)).isEmpty()) {
                            orphaned.add(row.getString(1));
                        }
                    }
                }
            }
            if (!orphaned.isEmpty()) {
                return orphaned;
            }
            Optional<StoredJourney> before = find(connection, id, true);
            try (PreparedStatement update = connection.prepareStatement(
                    "update journey set name = ?, definition = ?::jsonb, updated_at = ? where id = ?")) {
                update.setString(1, definition.name());
                update.setString(2, write(definition));
                update.setTimestamp(3, Jdbc.timestamp(clock.instant()));
                update.setObject(4, id);
                update.executeUpdate();
            }
            audit.record(connection, AuditAction.CHANGED, ENTITY, id.toString(),
                    before.map(StoredJourney::definition).orElse(null), definition);
            return orphaned;
        });
    }

    /**
     * Sets the status to active or paused; returns false when the journey does not exist or was
     * cancelled, which is final.
     */
    public boolean setStatus(UUID id, String status) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update journey set status = ?, updated_at = ? where id = ? and status <> 'cancelled'")) {
                statement.setString(1, status);
                statement.setTimestamp(2, Jdbc.timestamp(clock.instant()));
                statement.setObject(3, id);
                int updated = statement.executeUpdate();
                if (updated == 1) {
                    audit.record(connection, "paused".equals(status) ? AuditAction.PAUSED : AuditAction.RESUMED, ENTITY,
                            id.toString(), null, new StatusAudit(status));
                }
                return updated;
            }
        }) == 1;
    }

    /**
     * Cancels the journey and ends each entry still in flight (active, waiting or deferred) as
     * exited with the reason {@link JourneyCancellation#REASON}, counted as {@code cancelled} on its step. Returns
     * the number of entries ended, or -1 when the journey does not exist. A journey cancelled before
     * ends no entry again.
     *
     * <p>The journey row is updated first, so no new entry gets in: entering reads the row
     * {@code FOR SHARE} and waits for this transaction. An entry that a run holds locked is ended
     * after that run commits, from the step where the run left it.
     */
    public int cancel(UUID id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            Instant now = clock.instant();
            try (PreparedStatement update = connection.prepareStatement(
                    "update journey set status = 'cancelled', updated_at = ? where id = ?")) {
                update.setTimestamp(1, Jdbc.timestamp(now));
                update.setObject(2, id);
                if (update.executeUpdate() == 0) {
                    return -1;
                }
            }
            int ended = JourneyCancellation.endEntries(connection, id, now);
            audit.record(connection, AuditAction.CANCELLED, ENTITY, id.toString(), null, new StatusAudit("cancelled"));
            return ended;
        });
    }

    /** Deletes the journey with its entries, counts and send ledger; returns false when it does not exist. */
    public boolean delete(UUID id) {
        return Jdbc.inTransaction(dataSource, connection -> {
            Optional<StoredJourney> before = find(connection, id, true);
            try (PreparedStatement statement = connection.prepareStatement("delete from journey where id = ?")) {
                statement.setObject(1, id);
                int deleted = statement.executeUpdate();
                if (deleted == 1) {
                    audit.record(connection, AuditAction.DELETED, ENTITY, id.toString(),
                            before.map(StoredJourney::definition).orElse(null), null);
                }
                return deleted;
            }
        }) == 1;
    }

    /**
     * Returns outcome counts per step in step order, plus {@code current}, the entries now at that
     * step, and {@code waiting}, those of them inside a wait or deferred out of quiet hours.
     */
    public Map<String, Map<String, Long>> stepCounts(StoredJourney journey) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        journey.definition().steps().forEach(step -> counts.put(step.id(), new TreeMap<>()));
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select step_id, outcome, count from journey_step_count where journey_id = ?"
                            + " union all select step_id, 'current', count(*) from journey_entry"
                            + " where journey_id = ? and status in ('active', 'waiting', 'deferred') group by step_id"
                            + " union all select step_id, 'waiting', count(*) from journey_entry"
                            + " where journey_id = ? and status in ('waiting', 'deferred') group by step_id")) {
                select.setObject(1, journey.id());
                select.setObject(2, journey.id());
                select.setObject(3, journey.id());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.computeIfAbsent(row.getString(1), ignored -> new TreeMap<>()).put(row.getString(2), row.getLong(3));
                    }
                }
            }
            return null;
        });
        return counts;
    }

    static String write(JourneyDefinition definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the journey definition as JSON", e);
        }
    }

    static JourneyDefinition parse(String json) {
        try {
            return JSON.readValue(json, JourneyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored journey definition is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static StoredJourney read(ResultSet row) throws SQLException {
        return new StoredJourney(row.getObject("id", UUID.class), parse(row.getString("definition")), row.getString("status"),
                Jdbc.instant(row.getTimestamp("created_at")), Jdbc.instant(row.getTimestamp("updated_at")));
    }
}
