package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.channelmind.web.Problem;
import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;

/**
 * Recurring campaigns: a cron expression in a time zone that launches one campaign run per
 * occurrence. Each fired occurrence is stored under its local date-time key before the launch,
 * in the same transaction, so an occurrence launches once however often it is evaluated.
 * After downtime only the latest missed occurrence fires, and the others are logged as skipped.
 */
@ApplicationScoped
public class RecurringCampaigns {

    private static final Logger LOG = Logger.getLogger(RecurringCampaigns.class);

    private final DataSource dataSource;
    private final OccurrenceLauncher launcher;
    private final Clock clock;
    private final AuditLog audit;

    @Inject
    public RecurringCampaigns(DataSource dataSource, OccurrenceLauncher launcher, AuditLog audit) {
        this(dataSource, launcher, Clock.systemUTC(), audit);
    }

    RecurringCampaigns(DataSource dataSource, OccurrenceLauncher launcher, Clock clock, AuditLog audit) {
        this.dataSource = dataSource;
        this.launcher = launcher;
        this.clock = clock;
        this.audit = audit;
    }

    /** A stored schedule. */
    public record Schedule(UUID id, UUID campaignId, String cron, String zone, String status, Instant nextAt) {
    }

    /** Validates and stores a schedule; throws a 400 problem naming the invalid field. */
    public Schedule create(UUID campaignId, String cron, String zone) {
        if (campaignId == null) {
            throw Problem.of(400, "invalid-schedule", "Invalid recurring campaign")
                    .error("campaignId", null, "campaignId is missing; give the id of the campaign to launch").toException();
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw Problem.of(400, "invalid-schedule", "Invalid recurring campaign")
                    .error("zone", zone, "unknown time zone; use an IANA id such as Europe/Paris").toException();
        }
        CronOccurrences occurrences;
        try {
            occurrences = CronOccurrences.of(cron, zoneId);
        } catch (RuntimeException e) {
            throw Problem.of(400, "invalid-schedule", "Invalid recurring campaign")
                    .error("cron", cron, "invalid cron expression (" + e.getMessage()
                            + "); use five fields: minute hour day-of-month month day-of-week, such as 0 9 * * MON")
                    .toException();
        }

        Instant nextAt = occurrences.next(clock.instant()).map(ZonedDateTime::toInstant).orElse(null);
        Schedule schedule = new Schedule(UUID.randomUUID(), campaignId, cron, zoneId.getId(), "active", nextAt);
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into recurring_campaign (id, campaign_id, cron, zone, status, next_at, created_at)"
                            + " values (?, ?, ?, ?, 'active', ?, ?)")) {
                insert.setObject(1, schedule.id());
                insert.setObject(2, campaignId);
                insert.setString(3, cron);
                insert.setString(4, schedule.zone());
                insert.setTimestamp(5, Jdbc.timestamp(nextAt));
                insert.setTimestamp(6, Jdbc.timestamp(clock.instant()));
                insert.executeUpdate();
            }
            audit.record(connection, AuditAction.CREATED, "recurring-campaign", schedule.id().toString(), null, schedule);
            return null;
        });
        return schedule;
    }

    public List<Schedule> list() {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<Schedule> schedules = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, campaign_id, cron, zone, status, next_at from recurring_campaign order by created_at");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    schedules.add(new Schedule(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                            row.getString(4), row.getString(5), Jdbc.instant(row.getTimestamp(6))));
                }
            }
            return schedules;
        });
    }

    /** Returns the keys of the occurrences fired so far for a schedule, oldest first. */
    public List<String> occurrences(UUID scheduleId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select occurrence from recurring_occurrence where schedule_id = ? order by fire_at, occurrence")) {
                select.setObject(1, scheduleId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        keys.add(row.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /** Fires every schedule whose next occurrence is due; returns how many runs were launched. */
    public int fireDue() {
        List<UUID> due = Jdbc.inTransaction(dataSource, connection -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select id from recurring_campaign where status = 'active' and next_at <= ?")) {
                select.setTimestamp(1, Jdbc.timestamp(clock.instant()));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
        int launched = 0;
        for (UUID id : due) {
            try {
                if (Jdbc.inTransaction(dataSource, connection -> fire(connection, id))) {
                    launched++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recurring campaign %s: launch failed, retrying at the next poll", id);
            }
        }
        return launched;
    }

    private boolean fire(Connection connection, UUID id) throws SQLException {
        Schedule schedule;
        try (PreparedStatement select = connection.prepareStatement(
                "select id, campaign_id, cron, zone, status, next_at from recurring_campaign"
                        + " where id = ? and status = 'active' for update skip locked")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                schedule = new Schedule(id, row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                        row.getString(5), Jdbc.instant(row.getTimestamp(6)));
            }
        }
        Instant now = clock.instant();
        if (schedule.nextAt() == null || schedule.nextAt().isAfter(now)) {
            return false;
        }

        CronOccurrences cron = CronOccurrences.of(schedule.cron(), ZoneId.of(schedule.zone()));
        List<ZonedDateTime> missed = cron.between(schedule.nextAt().minusNanos(1), now);
        boolean launched = false;
        if (!missed.isEmpty()) {
            ZonedDateTime latest = missed.get(missed.size() - 1);
            if (missed.size() > 1) {
                LOG.warnf("Recurring campaign %s: skipping %d missed occurrences before %s", id, missed.size() - 1,
                        CronOccurrences.key(latest));
            }
            launched = record(connection, schedule, latest, now);
        }
        Optional<Instant> next = cron.next(now).map(ZonedDateTime::toInstant);
        try (PreparedStatement update = connection.prepareStatement("update recurring_campaign set next_at = ? where id = ?")) {
            update.setTimestamp(1, Jdbc.timestamp(next.orElse(null)));
            update.setObject(2, id);
            update.executeUpdate();
        }
        return launched;
    }

    /** Stores the occurrence and launches its run; returns false when it was fired before. */
    private boolean record(Connection connection, Schedule schedule, ZonedDateTime occurrence, Instant now) throws SQLException {
        String key = CronOccurrences.key(occurrence);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into recurring_occurrence (schedule_id, occurrence, fire_at, created_at) values (?, ?, ?, ?)"
                        + " on conflict do nothing")) {
            insert.setObject(1, schedule.id());
            insert.setString(2, key);
            insert.setTimestamp(3, Jdbc.timestamp(occurrence.toInstant()));
            insert.setTimestamp(4, Jdbc.timestamp(now));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        LOG.infof("Recurring campaign %s: launching campaign %s for occurrence %s", schedule.id(), schedule.campaignId(), key);
        launcher.launch(schedule.campaignId(), occurrence);
        return true;
    }
}
