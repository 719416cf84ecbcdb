package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Ends the entries of a cancelled journey, with their history events and step counts. */
final class JourneyCancellation {

    /** Exit reason of an entry that was in flight when its journey was cancelled. */
    static final String REASON = "journey cancelled";
    /** Step count of the entries that a cancellation ended at the step. */
    static final String OUTCOME = "cancelled";

    private JourneyCancellation() {
    }

    /**
     * Marks the journey's active, waiting and deferred entries exited at their current step, writes
     * their {@code exited} history events and counts them on their steps, in one statement on the
     * caller's transaction. Returns how many entries it ended. The update waits for entries that a
     * run holds locked and then re-checks their status.
     */
    static int endEntries(Connection connection, UUID journeyId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                with ended as (
                    update journey_entry set status = 'exited', due_at = null, finished_at = ?
                    where journey_id = ? and status in ('active', 'waiting', 'deferred')
                    returning id, journey_id, profile_key, step_id
                ), events as (
                    insert into journey_step_event (entry_id, journey_id, profile_key, step_id, event, outcome, at)
                    select id, journey_id, profile_key, step_id, 'exited', ?, ? from ended
                ), counts as (
                    insert into journey_step_count (journey_id, step_id, outcome, count)
                    select journey_id, step_id, ?, count(*) from ended group by journey_id, step_id
                    on conflict (journey_id, step_id, outcome)
                    do update set count = journey_step_count.count + excluded.count
                )
                select count(*) from ended
                """)) {
            statement.setTimestamp(1, Jdbc.timestamp(now));
            statement.setObject(2, journeyId);
            statement.setString(3, REASON);
            statement.setTimestamp(4, Jdbc.timestamp(now));
            statement.setString(5, OUTCOME);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
