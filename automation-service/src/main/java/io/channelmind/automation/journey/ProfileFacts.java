package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.privacy.PersonRows;

/**
 * Profile facts that journeys read, from cm.customer-events: the events (for event conditions
 * and bandit rewards) and the latest identify traits (for trait conditions, date triggers, time
 * zones, consent and placeholders).
 */
@ApplicationScoped
public class ProfileFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public ProfileFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores one customer event, merges identify traits into the stored ones and rewards the
     * open bandit pulls of the profile whose goal it matches. Returns false, and changes nothing,
     * for an event id seen before and for an event that occurred before the profile was erased.
     */
    public boolean record(String eventId, String profileKey, String type, String name, Instant occurredAt,
            Map<String, Object> traits) {
        return Jdbc.inTransaction(dataSource, connection -> {
            if (erasedAfter(connection, profileKey, occurredAt)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into journey_event (event_id, profile_key, type, name, occurred_at) values (?, ?, ?, ?, ?)"
                            + " on conflict do nothing")) {
                insert.setString(1, eventId);
                insert.setString(2, profileKey);
                insert.setString(3, type);
                insert.setString(4, name);
                insert.setTimestamp(5, Jdbc.timestamp(occurredAt));
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            if (traits != null && !traits.isEmpty()) {
                mergeTraits(connection, profileKey, traits, occurredAt);
            }
            reward(connection, profileKey, type, name);
            return true;
        });
    }

    /** Returns true when a privacy request erased the profile after {@code occurredAt}. */
    private static boolean erasedAfter(Connection connection, String profileKey, Instant occurredAt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select 1 from erased_profile where key_digest = ? and erased_at >= ?")) {
            select.setString(1, PersonRows.digest(profileKey));
            select.setTimestamp(2, Jdbc.timestamp(occurredAt));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    // NOTE: the traits are stored in plaintext, including the email, phone and firstName that
    // journey steps send to. Only the campaign send table encrypts addresses so far.
    private static void mergeTraits(Connection connection, String profileKey, Map<String, Object> traits, Instant at)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "insert into journey_profile (profile_key, traits, updated_at) values (?, ?::jsonb, ?)"
                        + " on conflict (profile_key) do update set traits = journey_profile.traits || excluded.traits,"
                        + " updated_at = excluded.updated_at")) {
            upsert.setString(1, profileKey);
            upsert.setString(2, JSON.writeValueAsString(traits));
            upsert.setTimestamp(3, Jdbc.timestamp(at));
            upsert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Traits of " + profileKey + " cannot be written as JSON", e);
        }
    }

    private static void reward(Connection connection, String profileKey, String type, String name) throws SQLException {
        try (PreparedStatement pulls = connection.prepareStatement(
                "update journey_arm_pull set rewarded = true where profile_key = ? and not rewarded"
                        + " and (goal = ? or lower(goal) = lower(coalesce(?, ''))) returning journey_id, step_id, branch");
                PreparedStatement arms = connection.prepareStatement(
                        "update journey_arm set rewards = rewards + 1 where journey_id = ? and step_id = ? and branch = ?")) {
            pulls.setString(1, profileKey);
            pulls.setString(2, type);
            pulls.setString(3, name);
            try (ResultSet row = pulls.executeQuery()) {
                while (row.next()) {
                    arms.setObject(1, row.getObject(1));
                    arms.setString(2, row.getString(2));
                    arms.setInt(3, row.getInt(3));
                    arms.executeUpdate();
                }
            }
        }
    }

    /** Returns the stored traits of a profile; empty when none were seen. */
    Map<String, Object> traits(Connection connection, String profileKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select traits from journey_profile where profile_key = ?")) {
            select.setString(1, profileKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? parse(row.getString(1)) : Map.of();
            }
        }
    }

    /** Returns true when the profile had an event of this type or name in [from, to]. */
    boolean hadEvent(Connection connection, String profileKey, String event, Instant from, Instant to) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select 1 from journey_event where profile_key = ? and (type = ? or lower(name) = lower(?))"
                        + " and occurred_at >= ? and occurred_at <= ? limit 1")) {
            select.setString(1, profileKey);
            select.setString(2, event);
            select.setString(3, event);
            select.setTimestamp(4, Jdbc.timestamp(from));
            select.setTimestamp(5, Jdbc.timestamp(to));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored traits are not readable JSON", e);
        }
    }
}
