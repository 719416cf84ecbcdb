package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.automation.messaging.EventOutbox;

/**
 * Moves profiles through journeys. An entry's steps run in one transaction that locks the
 * entry row ({@code FOR UPDATE SKIP LOCKED}), up to the next wait or the end, so two instances
 * never run the same entry and a crash rolls the entry back to its last stored step. Sends are
 * recorded in {@code journey_send} in their own transactions before and after the connector
 * call, so a step that runs again after a crash does not send twice.
 */
@ApplicationScoped
public class JourneyEngine {

    private static final Logger LOG = Logger.getLogger(JourneyEngine.class);
    /** Guard against a loop; validation keeps journeys acyclic, so no run gets near it. */
    private static final int MAX_STEPS_PER_RUN = 500;
    /** Exit reason of an entry whose step was removed from the journey's definition. */
    static final String STEP_REMOVED = "step removed from the journey";

    private final DataSource dataSource;
    private final ProfileFacts facts;
    private final StepRunner steps;
    private final Clock clock;

    @Inject
    public JourneyEngine(DataSource dataSource, ProfileFacts facts, JourneySender sender, JourneyMessages messages,
            JourneySendRules rules, EventOutbox events) {
        this(dataSource, facts, sender, messages, rules, events, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    JourneyEngine(DataSource dataSource, ProfileFacts facts, JourneySender sender, JourneyMessages messages,
            JourneySendRules rules, EventOutbox events, Clock clock, RandomGenerator random) {
        this.dataSource = dataSource;
        this.facts = facts;
        this.clock = clock;
        this.steps = new StepRunner(dataSource, facts, sender, messages, rules, events, random);
    }

    /** One profile's position in a journey, as locked for a run. */
    record Entry(long id, UUID journeyId, String profileKey, int entryNo, String stepId, String status, Instant enteredAt) {
    }

    /**
     * Lets a profile into a journey when the journey is active and its re-entry rule allows,
     * then runs the entry's first steps. Returns the entry id, or empty when the profile was
     * not let in (paused journey, re-entry rule, or a trigger key seen before).
     */
    public Optional<Long> enter(UUID journeyId, String profileKey, String triggerKey) {
        Optional<Long> entryId = Jdbc.inTransaction(dataSource, connection -> insertEntry(connection, journeyId, profileKey, triggerKey));
        entryId.ifPresent(this::process);
        return entryId;
    }

    private Optional<Long> insertEntry(Connection connection, UUID journeyId, String profileKey, String triggerKey)
            throws SQLException {
        JourneyDefinition definition;
        try (PreparedStatement select = connection.prepareStatement(
                "select definition from journey where id = ? and status = 'active' for share")) {
            select.setObject(1, journeyId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                definition = JourneyStore.parse(row.getString(1));
            }
        }

        Instant now = clock.instant();
        int entryNo = 1;
        try (PreparedStatement last = connection.prepareStatement(
                "select entry_no, status, entered_at from journey_entry where journey_id = ? and profile_key = ?"
                        + " order by entry_no desc limit 1")) {
            last.setObject(1, journeyId);
            last.setString(2, profileKey);
            try (ResultSet row = last.executeQuery()) {
                if (row.next()) {
                    if (!reentryAllowed(definition.reentryOrDefault(), row.getString(2), Jdbc.instant(row.getTimestamp(3)), now)) {
                        return Optional.empty();
                    }
                    entryNo = row.getInt(1) + 1;
                }
            }
        }

        try (PreparedStatement insert = connection.prepareStatement(
                "insert into journey_entry (journey_id, profile_key, entry_no, step_id, status, due_at, entered_at, trigger_key)"
                        + " values (?, ?, ?, ?, 'active', ?, ?, ?) on conflict do nothing returning id")) {
            insert.setObject(1, journeyId);
            insert.setString(2, profileKey);
            insert.setInt(3, entryNo);
            insert.setString(4, definition.steps().get(0).id());
            insert.setTimestamp(5, Jdbc.timestamp(now));
            insert.setTimestamp(6, Jdbc.timestamp(now));
            insert.setString(7, triggerKey);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    static boolean reentryAllowed(JourneyDefinition.Reentry reentry, String lastStatus, Instant lastEnteredAt, Instant now) {
        if (lastStatus.equals("active") || lastStatus.equals("waiting") || lastStatus.equals("deferred")) {
            return false;
        }
        return switch (reentry.mode()) {
            case "always" -> true;
            case "cooldown" -> !lastEnteredAt.plus(Duration.parse(reentry.cooldown())).isAfter(now);
            default -> false;
        };
    }

    /** Runs every entry whose wait is over or whose run was cut short, oldest first; returns how many ran. */
    public int processDue(int limit) {
        List<Long> due = Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select e.id from journey_entry e join journey j on j.id = e.journey_id"
                            + " where e.status in ('active', 'waiting', 'deferred') and e.due_at <= ? and j.status = 'active'"
                            + " order by e.due_at limit ?")) {
                select.setTimestamp(1, Jdbc.timestamp(clock.instant()));
                select.setInt(2, limit);
                List<Long> ids = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getLong(1));
                    }
                }
                return ids;
            }
        });
        due.forEach(this::process);
        return due.size();
    }

    /** Runs one entry's steps up to the next wait or the end, unless another run has locked it or it is not due. */
    public void process(long entryId) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select e.journey_id, e.profile_key, e.entry_no, e.step_id, e.status, e.due_at, e.entered_at,"
                            + " j.definition, j.status from journey_entry e join journey j on j.id = e.journey_id"
                            + " where e.id = ? for update of e skip locked")) {
                select.setLong(1, entryId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !row.getString(9).equals("active")) {
                        return null;
                    }
                    Instant dueAt = Jdbc.instant(row.getTimestamp(6));
                    Instant now = clock.instant();
                    if (dueAt == null || dueAt.isAfter(now)) {
                        return null;
                    }
                    Entry entry = new Entry(entryId, row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
                            row.getString(4), row.getString(5), Jdbc.instant(row.getTimestamp(7)));
                    run(connection, entry, JourneyStore.parse(row.getString(8)), now);
                }
            }
            return null;
        });
    }

    private void run(Connection connection, Entry entry, JourneyDefinition definition, Instant now) throws SQLException {
        String stepId = entry.stepId();
        boolean waitOver = entry.status().equals("waiting");
        boolean deferralOver = entry.status().equals("deferred");
        Map<String, Object> traits = facts.traits(connection, entry.profileKey());
        ZoneId zone = zone(traits, definition);

        for (int taken = 0; taken < MAX_STEPS_PER_RUN; taken++) {
            Optional<Step> step = definition.step(stepId);
            if (step.isEmpty()) {
                LOG.warnf("Journey %s entry %d: step %s no longer exists, so the entry exits", entry.journeyId(), entry.id(), stepId);
                JourneyHistory.record(connection, entry,
                        new JourneyHistory.StepEvent(stepId, "exited", STEP_REMOVED, null, null, null), now);
                store(connection, entry.id(), stepId, "exited", null, now);
                return;
            }
            StepRunner.Outcome outcome = steps.run(connection, entry, step.get(), definition.purposeOrDefault(),
                    waitOver, deferralOver, traits, zone, now);
            waitOver = false;
            deferralOver = false;
            if (outcome.deferUntil() != null) {
                store(connection, entry.id(), stepId, "deferred", outcome.deferUntil(), now);
                return;
            }
            if (outcome.waitUntil() != null) {
                store(connection, entry.id(), stepId, "waiting", outcome.waitUntil(), now);
                return;
            }
            if (outcome.exit() || outcome.next() == null) {
                if (!outcome.exit()) {
                    JourneyHistory.record(connection, entry, JourneyHistory.StepEvent.of(stepId, "completed"), now);
                }
                store(connection, entry.id(), stepId, outcome.exit() ? "exited" : "completed", null, now);
                return;
            }
            stepId = outcome.next();
        }
        LOG.errorf("Journey %s entry %d ran %d steps without reaching a wait or an end; it stays at step %s",
                entry.journeyId(), entry.id(), MAX_STEPS_PER_RUN, stepId);
        store(connection, entry.id(), stepId, "active", now, now);
    }

    private static void store(Connection connection, long entryId, String stepId, String status, Instant dueAt, Instant now)
            throws SQLException {
        boolean finished = status.equals("completed") || status.equals("exited");
        try (PreparedStatement update = connection.prepareStatement(
                "update journey_entry set step_id = ?, status = ?, due_at = ?, finished_at = ? where id = ?")) {
            update.setString(1, stepId);
            update.setString(2, status);
            update.setTimestamp(3, Jdbc.timestamp(dueAt));
            update.setTimestamp(4, finished ? Jdbc.timestamp(now) : null);
            update.setLong(5, entryId);
            update.executeUpdate();
        }
    }

    /** Returns the profile's timeZone trait, else the trigger's default zone, else UTC. */
    static ZoneId zone(Map<String, Object> traits, JourneyDefinition definition) {
        Object value = traits.get("timeZone");
        if (value instanceof String name) {
            try {
                return ZoneId.of(name);
            } catch (RuntimeException e) {
                LOG.debugf("Ignoring the invalid timeZone trait %s", name);
            }
        }
        if (definition.trigger() != null && definition.trigger().defaultZone() != null) {
            return ZoneId.of(definition.trigger().defaultZone());
        }
        return ZoneOffset.UTC;
    }

    /** Returns the first instant after {@code now} at which the zone's clocks show {@code time}. */
    static Instant nextLocalTime(Instant now, LocalTime time, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), time, zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), time, zone);
        }
        return candidate.toInstant();
    }
}
