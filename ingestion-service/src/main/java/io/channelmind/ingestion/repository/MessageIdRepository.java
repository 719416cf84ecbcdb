package io.channelmind.ingestion.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the accepted messageIds of tracking calls in {@code tracking_message}: the tracking API
 * claims them with the reactive client, and the periodic purge deletes expired ones over JDBC.
 */
@ApplicationScoped
public class MessageIdRepository {

    /*
     * Inserts every id; an id that exists but was received before the window start is taken over
     * with the new receive time. RETURNING lists exactly the inserted and taken-over ids, which
     * are the ones not seen within the window. While another transaction has an uncommitted row
     * of the same id, PostgreSQL makes this statement wait for it to commit or roll back.
     */
    private static final String CLAIM = "INSERT INTO tracking_message (source_name, message_id, received_at) "
            + "SELECT $1, id, $2 FROM unnest($3::varchar[]) AS id "
            + "ON CONFLICT (source_name, message_id) DO UPDATE SET received_at = EXCLUDED.received_at "
            + "WHERE tracking_message.received_at < $4 "
            + "RETURNING message_id";
    private static final String RELEASE = "DELETE FROM tracking_message WHERE source_name = $1 AND message_id = ANY($2::varchar[])";

    private final DataSource dataSource;
    private final Pool pool;

    public MessageIdRepository(DataSource dataSource, Pool pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /**
     * Claims the ids (see {@link #claim}) in a new transaction of the reactive client and runs
     * {@code work} with the connection and the ids that were new. The transaction commits when
     * the Uni of {@code work} emits an item, and rolls back when the claim or {@code work} fails
     * (closing the connection rolls back an open transaction). The client sends the claim right
     * after {@code BEGIN}, without waiting for its response. With prepared statements cached per
     * connection, the transaction costs two round trips to PostgreSQL, the claim and the commit,
     * where {@code BEGIN}, preparing the claim, the claim and the commit took four.
     */
    public <T> Uni<T> claimInTransaction(String sourceName, String[] sortedIds, Instant receivedAt, Instant windowStart,
            BiFunction<SqlConnection, Set<String>, Uni<T>> work) {
        return pool.withConnection(connection -> Uni.combine().all()
                // Both are subscribed here, in this order, before BEGIN's response arrives.
                .unis(connection.begin(), claim(connection, sourceName, sortedIds, receivedAt, windowStart))
                .asTuple()
                .flatMap(begun -> work.apply(connection, begun.getItem2())
                        .call(() -> begun.getItem1().commit())));
    }

    /**
     * Records the ids in the caller's transaction and emits those not received within the
     * window that starts at {@code windowStart}. The ids must be sorted, so concurrent requests
     * lock the ids they share in the same order, which keeps them from deadlocking each other.
     */
    public Uni<Set<String>> claim(SqlConnection transaction, String sourceName, String[] sortedIds, Instant receivedAt,
            Instant windowStart) {
        return transaction.preparedQuery(CLAIM)
                .execute(Tuple.of(sourceName, utc(receivedAt), sortedIds, utc(windowStart)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>(rows.size() * 2);
                    for (Row row : rows) {
                        fresh.add(row.getString(0));
                    }
                    return fresh;
                });
    }

    /**
     * Deletes the ids from the caller's transaction again, for calls whose publishing failed, so
     * a retry of them is not dropped as a duplicate.
     */
    public Uni<Void> release(SqlConnection transaction, String sourceName, Collection<String> messageIds) {
        return transaction.preparedQuery(RELEASE)
                .execute(Tuple.of(sourceName, messageIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
