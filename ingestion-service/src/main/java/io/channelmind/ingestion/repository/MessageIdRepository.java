package io.channelmind.ingestion.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Stores the accepted messageIds of tracking calls in {@code tracking_message} over JDBC. */
@ApplicationScoped
public class MessageIdRepository {

    /*
     * Inserts every id; an id that exists but was received before the window start is taken over
     * with the new receive time. RETURNING lists exactly the inserted and taken-over ids, which
     * are the ones not seen within the window. While another transaction has an uncommitted row
     * of the same id, PostgreSQL makes this statement wait for it to commit or roll back.
     */
    private static final String CLAIM = "INSERT INTO tracking_message (source_name, message_id, received_at) "
            + "SELECT ?, id, ? FROM unnest(?::varchar[]) AS id "
            + "ON CONFLICT (source_name, message_id) DO UPDATE SET received_at = EXCLUDED.received_at "
            + "WHERE tracking_message.received_at < ? "
            + "RETURNING message_id";

    private final DataSource dataSource;

    public MessageIdRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens a connection for {@link #claim}; the caller commits after publishing, or rolls back. */
    public Connection openTransaction() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new StorageException("Opening a database connection failed", e);
        }
    }

    /**
     * Records the ids in the caller's transaction and returns those not received within the
     * window that starts at {@code windowStart}. The ids are sorted, so concurrent requests
     * lock the ids they share in the same order, which keeps them from deadlocking each other.
     */
    public Set<String> claim(Connection transaction, String sourceName, SortedSet<String> messageIds, Instant receivedAt,
            Instant windowStart) {
        try (PreparedStatement statement = transaction.prepareStatement(CLAIM)) {
            Array ids = transaction.createArrayOf("varchar", messageIds.toArray());
            statement.setString(1, sourceName);
            statement.setTimestamp(2, Timestamp.from(receivedAt));
            statement.setArray(3, ids);
            statement.setTimestamp(4, Timestamp.from(windowStart));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new StorageException("Recording messageIds failed", e);
        }
    }

    /**
     * Deletes the ids from the caller's transaction again, for calls whose publishing failed, so
     * a retry of them is not dropped as a duplicate.
     */
    public void release(Connection transaction, String sourceName, Collection<String> messageIds) {
        try (PreparedStatement statement = transaction.prepareStatement(
                "DELETE FROM tracking_message WHERE source_name = ? AND message_id = ANY(?::varchar[])")) {
            statement.setString(1, sourceName);
            statement.setArray(2, transaction.createArrayOf("varchar", messageIds.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("Releasing messageIds failed", e);
        }
    }

    /** Deletes the ids received before {@code windowStart} and returns how many were deleted. */
    public int purgeBefore(Instant windowStart) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM tracking_message WHERE received_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(windowStart));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("Purging expired messageIds failed", e);
        }
    }
}
