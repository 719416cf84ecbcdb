package io.channelmind.ingestion.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;

/**
 * Stores tracking sources in the {@code source} table over JDBC. The methods block, so they run
 * on worker threads. Every method wraps a {@link SQLException} in a {@link StorageException}.
 */
@ApplicationScoped
public class SourceRepository {

    private static final String COLUMNS = "name, created_at, rotated_at, previous_key_expires_at, revoked_at";

    /** Entity type of tracking sources and their write keys in the audit log. */
    static final String ENTITY = "source";

    private final DataSource dataSource;
    private final AuditLog audit;

    public SourceRepository(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /**
     * A source in the audit log. {@code keyPrefix} is the first characters of the current write
     * key, which identify it without revealing it; the key itself never enters the log.
     */
    public record SourceAudit(boolean active, String keyPrefix, Instant previousKeyValidUntil) {
    }

    /**
     * Inserts a source and returns false, changing nothing, when the name is taken (also by a
     * revoked source). The audit entry is written in the same transaction.
     */
    public boolean insert(String name, String keyHash, String keyPrefix, Instant now) {
        String sql = "INSERT INTO source (name, key_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
        return update(sql, statement -> {
            statement.setString(1, name);
            statement.setString(2, keyHash);
            statement.setTimestamp(3, Timestamp.from(now));
        }, AuditAction.CREATED, name, new SourceAudit(true, keyPrefix, null)) == 1;
    }

    /**
     * Creates the source or replaces its key, and un-revokes it. The replaced key stops working
     * at once, because this serves a key set in configuration, not a rotation.
     */
    public void upsert(String name, String keyHash, Instant now) {
        String sql = "INSERT INTO source (name, key_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
                + "SET key_hash = EXCLUDED.key_hash, previous_key_hash = NULL, previous_key_expires_at = NULL, "
                + "revoked_at = NULL";
        update(sql, statement -> {
            statement.setString(1, name);
            statement.setString(2, keyHash);
            statement.setTimestamp(3, Timestamp.from(now));
        });
    }

    /**
     * An active source found by a key hash. {@code validUntil} is when a previous key stops
     * working after a rotation, or null for the source's current key.
     */
    public record ActiveKey(String sourceName, Instant validUntil) {
    }

    /** Returns the active source whose current key, or unexpired previous key, has this hash. */
    public Optional<ActiveKey> findActiveKey(String keyHash, Instant now) {
        String sql = "SELECT name, CASE WHEN key_hash = ? THEN NULL ELSE previous_key_expires_at END FROM source "
                + "WHERE revoked_at IS NULL AND (key_hash = ? OR (previous_key_hash = ? AND previous_key_expires_at > ?))";
        return query(sql, statement -> {
            statement.setString(1, keyHash);
            statement.setString(2, keyHash);
            statement.setString(3, keyHash);
            statement.setTimestamp(4, Timestamp.from(now));
        }, rows -> {
            Timestamp validUntil = rows.getTimestamp(2);
            return new ActiveKey(rows.getString(1), validUntil == null ? null : validUntil.toInstant());
        }).stream().findFirst();
    }

    public Optional<TrackingSource> find(String name) {
        return query("SELECT " + COLUMNS + " FROM source WHERE name = ?", statement -> statement.setString(1, name),
                SourceRepository::toSource).stream().findFirst();
    }

    public List<TrackingSource> list() {
        return query("SELECT " + COLUMNS + " FROM source ORDER BY name", statement -> {
        }, SourceRepository::toSource);
    }

    /**
     * Replaces the key of an active source; the old key keeps working until {@code previousValidUntil}.
     * Returns false when there is no active source of this name.
     */
    public boolean rotate(String name, String newKeyHash, String newKeyPrefix, Instant now, Instant previousValidUntil) {
        String sql = "UPDATE source SET previous_key_hash = key_hash, previous_key_expires_at = ?, key_hash = ?, "
                + "rotated_at = ? WHERE name = ? AND revoked_at IS NULL";
        return update(sql, statement -> {
            statement.setTimestamp(1, Timestamp.from(previousValidUntil));
            statement.setString(2, newKeyHash);
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setString(4, name);
        }, AuditAction.ROTATED, name, new SourceAudit(true, newKeyPrefix, previousValidUntil)) == 1;
    }

    /** Revokes both keys of an active source at once; returns false when there is no active source of this name. */
    public boolean revoke(String name, Instant now) {
        return update("UPDATE source SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, name);
        }, AuditAction.REVOKED, name, new SourceAudit(false, null, null)) == 1;
    }

    private static TrackingSource toSource(ResultSet rows) throws SQLException {
        return new TrackingSource(rows.getString(1), instant(rows.getTimestamp(2)), instant(rows.getTimestamp(3)),
                instant(rows.getTimestamp(4)), instant(rows.getTimestamp(5)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("Writing the source table failed", e);
        }
    }

    /** Runs the update and, when it changed one row, appends the audit entry in the same transaction. */
    private int update(String sql, Binder binder, AuditAction action, String name, SourceAudit after) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    binder.bind(statement);
                    updated = statement.executeUpdate();
                }
                if (updated == 1) {
                    audit.record(connection, action, ENTITY, name, null, after);
                }
                connection.commit();
                return updated;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("Writing the source table failed", e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StorageException("Reading the source table failed", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
