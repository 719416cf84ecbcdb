package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-entry step history of journeys in {@code journey_step_event}: the engine writes it in
 * each run's transaction, and the journeys API reads it with the entries and their sends.
 */
@ApplicationScoped
public class JourneyHistory {

    /** Entry statuses that the recipients page can filter on. */
    static final List<String> ENTRY_STATUSES = List.of("active", "waiting", "deferred", "completed", "exited");

    private static final String ENTRY_COLUMNS = "id, profile_key, entry_no, step_id, status, due_at, entered_at, finished_at";

    private final DataSource dataSource;

    public JourneyHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One step event of an entry, as the engine writes it. */
    record StepEvent(String stepId, String event, String outcome, String sendKey, String nextStep, Instant until) {

        static StepEvent of(String stepId, String event) {
            return new StepEvent(stepId, event, null, null, null, null);
        }
    }

    /** One entry of a profile into a journey and where it is now. */
    public record Entry(long entryId, String profileKey, int entryNo, String stepId, String status, Instant dueAt,
            Instant enteredAt, Instant finishedAt) {
    }

    /**
     * The current state of a send, from the journey send ledger; {@code copyId} and
     * {@code smsSegments} are null when no variant was sent or the channel is not SMS.
     */
    public record Send(String channel, String status, String detail, String copyId, Integer smsSegments,
            Instant updatedAt) {
    }

    /** A stored step event, with the send it made, if any. */
    public record Event(String stepId, String event, String outcome, String nextStep, Instant until, Instant at,
            Send send) {
    }

    /** Inserts an event of the entry on the run's connection, so it commits or rolls back with the run. */
    static void record(Connection connection, JourneyEngine.Entry entry, StepEvent event, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into journey_step_event (entry_id, journey_id, profile_key, step_id, event, outcome, send_key,"
                        + " next_step, until_at, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, entry.id());
            insert.setObject(2, entry.journeyId());
            insert.setString(3, entry.profileKey());
            insert.setString(4, event.stepId());
            insert.setString(5, event.event());
            insert.setString(6, event.outcome());
            insert.setString(7, event.sendKey());
            insert.setString(8, event.nextStep());
            insert.setTimestamp(9, Jdbc.timestamp(event.until()));
            insert.setTimestamp(10, Jdbc.timestamp(at));
            insert.executeUpdate();
        }
    }

    /**
     * Returns up to {@code limit} entries of the journey with an id above {@code after}, in id
     * order, optionally only those with {@code status}.
     */
    public List<Entry> entries(UUID journeyId, long after, int limit, String status) {
        String sql = "select " + ENTRY_COLUMNS + " from journey_entry where journey_id = ? and id > ?"
                + (status == null ? "" : " and status = ?") + " order by id limit ?";
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, journeyId);
                select.setLong(2, after);
                int next = 3;
                if (status != null) {
                    select.setString(next++, status);
                }
                select.setInt(next, limit);
                return readEntries(select);
            }
        });
    }

    /** Returns every entry of the profile into the journey, oldest first, each with its events in order. */
    public Map<Entry, List<Event>> recipient(UUID journeyId, String profileKey) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Entry> entries;
            try (PreparedStatement select = connection.prepareStatement("select " + ENTRY_COLUMNS
                    + " from journey_entry where journey_id = ? and profile_key = ? order by entry_no")) {
                select.setObject(1, journeyId);
                select.setString(2, profileKey);
                entries = readEntries(select);
            }
            Map<Entry, List<Event>> history = new LinkedHashMap<>();
            for (Entry entry : entries) {
                history.put(entry, events(connection, entry.entryId()));
            }
            return history;
        });
    }

    private static List<Event> events(Connection connection, long entryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select e.step_id, e.event, e.outcome, e.next_step, e.until_at, e.at,"
                        + " s.channel, s.status, s.detail, s.updated_at, s.copy_id, s.sms_segments"
                        + " from journey_step_event e left join journey_send s on s.idempotency_key = e.send_key"
                        + " where e.entry_id = ? order by e.id")) {
            select.setLong(1, entryId);
            List<Event> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Send send = row.getString(7) == null ? null
                            : new Send(row.getString(7), row.getString(8), row.getString(9), row.getString(11),
                                    row.getObject(12, Integer.class), Jdbc.instant(row.getTimestamp(10)));
                    events.add(new Event(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            Jdbc.instant(row.getTimestamp(5)), Jdbc.instant(row.getTimestamp(6)), send));
                }
            }
            return events;
        }
    }

    private static List<Entry> readEntries(PreparedStatement select) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                entries.add(new Entry(row.getLong(1), row.getString(2), row.getInt(3), row.getString(4),
                        row.getString(5), Jdbc.instant(row.getTimestamp(6)), Jdbc.instant(row.getTimestamp(7)),
                        Jdbc.instant(row.getTimestamp(8))));
            }
        }
        return entries;
    }
}
