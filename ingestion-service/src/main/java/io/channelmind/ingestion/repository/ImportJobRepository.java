package io.channelmind.ingestion.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.ingestion.domain.RowError;

/**
 * Stores import jobs in {@code import_job} and their rejected rows in {@code import_row_error}
 * over JDBC. Every method blocks, so callers run on worker or import threads.
 */
@ApplicationScoped
public class ImportJobRepository {

    private static final String COLUMNS = "id, mapping, on_error, input_format, status, rows_read, rows_accepted, "
            + "rows_rejected, customer_events, spend_events, offer_events, dead_letter_events, failure_reason, started_at, finished_at, "
            + "idempotency_key, content_sha256, bytes_total, bytes_read, cleaning";
    private static final String INSERT = "INSERT INTO import_job (" + COLUMNS + ", heartbeat_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now()) "
            + "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";
    private static final String UPDATE = "UPDATE import_job SET status = ?, rows_read = ?, rows_accepted = ?, "
            + "rows_rejected = ?, customer_events = ?, spend_events = ?, offer_events = ?, dead_letter_events = ?, failure_reason = ?, "
            + "finished_at = ?, bytes_read = ?, cleaning = ?::jsonb, heartbeat_at = now() WHERE id = ? "
            + "RETURNING cancel_requested";
    private static final String REQUEST_CANCEL = "UPDATE import_job SET cancel_requested = true "
            + "WHERE id = ? AND status IN ('queued', 'running') RETURNING id";
    private static final String INSERT_ERROR = "INSERT INTO import_row_error (import_id, row_number, column_name, value, "
            + "reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String MARK_INTERRUPTED = "UPDATE import_job SET status = 'interrupted', finished_at = now(), "
            + "failure_reason = 'The service stopped before the import finished; rows counted as accepted were "
            + "published. Import the file again with the same Idempotency-Key to see this job, or without it to run it again' "
            + "WHERE status IN ('queued', 'running') AND heartbeat_at < ? RETURNING id";

    private final DataSource dataSource;

    public ImportJobRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a new job.
     *
     * @return false when another job already has the same idempotency key, so nothing was inserted
     */
    public boolean insert(ImportJob job) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setObject(1, job.id());
            statement.setString(2, job.mapping());
            statement.setString(3, job.onError());
            statement.setString(4, job.inputFormat());
            statement.setString(5, job.status());
            statement.setLong(6, job.rowsRead());
            statement.setLong(7, job.rowsAccepted());
            statement.setLong(8, job.rowsRejected());
            statement.setLong(9, job.customerEvents());
            statement.setLong(10, job.spendEvents());
            statement.setLong(11, job.offerEvents());
            statement.setLong(12, job.deadLetterEvents());
            statement.setString(13, job.failureReason());
            statement.setTimestamp(14, timestamp(job.startedAt()));
            statement.setTimestamp(15, timestamp(job.finishedAt()));
            statement.setString(16, job.idempotencyKey());
            statement.setString(17, job.contentSha256());
            if (job.bytesTotal() == null) {
                statement.setNull(18, Types.BIGINT);
            } else {
                statement.setLong(18, job.bytesTotal());
            }
            statement.setLong(19, job.bytesRead());
            statement.setString(20, job.cleaningJson());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("Inserting import " + job.id() + " failed", e);
        }
    }

    /**
     * Writes the status, counts and progress of a job and renews its heartbeat.
     *
     * @return whether a cancel of the job was requested, on this replica or on another one
     */
    public boolean update(ImportJob job) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            statement.setString(1, job.status());
            statement.setLong(2, job.rowsRead());
            statement.setLong(3, job.rowsAccepted());
            statement.setLong(4, job.rowsRejected());
            statement.setLong(5, job.customerEvents());
            statement.setLong(6, job.spendEvents());
            statement.setLong(7, job.offerEvents());
            statement.setLong(8, job.deadLetterEvents());
            statement.setString(9, job.failureReason());
            statement.setTimestamp(10, timestamp(job.finishedAt()));
            statement.setLong(11, job.bytesRead());
            statement.setString(12, job.cleaningJson());
            statement.setObject(13, job.id());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StorageException("Updating import " + job.id() + " failed", e);
        }
    }

    /**
     * Records a cancel request for a queued or running job.
     *
     * @return false when no job has this id or the job has already finished
     */
    public boolean requestCancel(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(REQUEST_CANCEL)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StorageException("Requesting the cancel of import " + id + " failed", e);
        }
    }

    /** Inserts rejected rows in one batch. */
    public void insertErrors(UUID importId, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT_ERROR)) {
            for (RowError error : errors) {
                statement.setObject(1, importId);
                statement.setLong(2, error.row());
                statement.setString(3, error.column());
                statement.setString(4, error.value());
                statement.setString(5, error.reason());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new StorageException("Storing " + errors.size() + " rejected rows of import " + importId + " failed", e);
        }
    }

    public Optional<ImportJob> find(UUID id) {
        return queryJobs("SELECT " + COLUMNS + " FROM import_job WHERE id = ?", statement -> setObject(statement, id))
                .stream().findFirst();
    }

    public Optional<ImportJob> findByIdempotencyKey(String key) {
        return queryJobs("SELECT " + COLUMNS + " FROM import_job WHERE idempotency_key = ?",
                statement -> setObject(statement, key)).stream().findFirst();
    }

    public List<ImportJob> listRecent(int limit) {
        return queryJobs("SELECT " + COLUMNS + " FROM import_job ORDER BY started_at DESC, id LIMIT ?",
                statement -> setObject(statement, limit));
    }

    /**
     * Passes the rejected rows of an import after {@code afterRow}, in row order, to
     * {@code consumer}, at most {@code limit} of them, and returns how many it passed.
     */
    public int readErrors(UUID importId, long afterRow, int limit, Consumer<RowError> consumer) {
        String sql = "SELECT row_number, column_name, value, reason FROM import_row_error "
                + "WHERE import_id = ? AND row_number > ? ORDER BY row_number LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, importId);
            statement.setLong(2, afterRow);
            statement.setInt(3, limit);
            int count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new RowError(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                    count++;
                }
            }
            return count;
        } catch (SQLException e) {
            throw new StorageException("Reading the rejected rows of import " + importId + " failed", e);
        }
    }

    /** Marks queued and running jobs whose heartbeat is older than {@code staleBefore} as interrupted. */
    public List<UUID> markInterrupted(Instant staleBefore) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(MARK_INTERRUPTED)) {
            statement.setTimestamp(1, timestamp(staleBefore));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StorageException("Marking stale imports as interrupted failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void setObject(PreparedStatement statement, Object value) throws SQLException {
        statement.setObject(1, value);
    }

    private List<ImportJob> queryJobs(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<ImportJob> jobs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    jobs.add(read(rows));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw new StorageException("Reading import records failed", e);
        }
    }

    private static ImportJob read(ResultSet rows) throws SQLException {
        return new ImportJob(rows.getObject("id", UUID.class), rows.getString("mapping"), rows.getString("on_error"),
                rows.getString("input_format"), rows.getString("status"), rows.getLong("rows_read"),
                rows.getLong("rows_accepted"), rows.getLong("rows_rejected"), rows.getLong("customer_events"),
                rows.getLong("spend_events"), rows.getLong("offer_events"),
                rows.getLong("dead_letter_events"), rows.getString("failure_reason"),
                instant(rows.getTimestamp("started_at")), instant(rows.getTimestamp("finished_at")),
                rows.getString("idempotency_key"), rows.getString("content_sha256"),
                rows.getObject("bytes_total", Long.class), rows.getLong("bytes_read"), rows.getString("cleaning"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
