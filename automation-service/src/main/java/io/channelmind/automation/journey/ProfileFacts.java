package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.privacy.ErasedProfiles;

/**
 * Profile facts that journeys read, from cm.customer-events: the events (for event conditions
 * and bandit rewards) and the latest identify traits (for trait conditions, date triggers, time
 * zones, consent and placeholders). Traits that name or contact a person are stored encrypted
 * ({@link PersonalTraitStore}).
 */
@ApplicationScoped
public class ProfileFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final PersonalTraitStore personalTraits;

    public ProfileFacts(DataSource dataSource, PersonalTraitStore personalTraits) {
        this.dataSource = dataSource;
        this.personalTraits = personalTraits;
    }

    /**
     * Stores one customer event, merges identify traits into the stored ones and rewards the
     * open bandit pulls of the profile whose goal it matches. Returns false, and changes nothing,
     * for an event id seen before and for an event that occurred before the profile was erased.
     */
    public boolean record(String eventId, String profileKey, String type, String name, Instant occurredAt,
            Map<String, Object> traits) {
        return record(eventId, profileKey, type, name, occurredAt, traits, Map.of());
    }

    /**
     * Stores one customer event as {@link #record(String, String, String, String, Instant, Map)}
     * does, with {@code sealedTraits}, the decrypted {@code sealedTraits} of the event, stored
     * encrypted whatever their names.
     */
    public boolean record(String eventId, String profileKey, String type, String name, Instant occurredAt,
            Map<String, Object> traits, Map<String, String> sealedTraits) {
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
            if ((traits != null && !traits.isEmpty()) || !sealedTraits.isEmpty()) {
                mergeTraits(connection, profileKey, traits == null ? Map.of() : traits, sealedTraits, occurredAt);
            }
            reward(connection, profileKey, type, name);
            return true;
        });
    }

    /** Returns true when a privacy request erased the profile after {@code occurredAt}. */
    private static boolean erasedAfter(Connection connection, String profileKey, Instant occurredAt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select 1 from erased_profile where key_digest = ? and erased_at >= ?")) {
            select.setString(1, ErasedProfiles.digest(profileKey));
            select.setTimestamp(2, Jdbc.timestamp(occurredAt));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Merges the traits into the stored ones. The personal ones, and every sealed trait, go
     * encrypted into {@code personal_traits}, and a plaintext copy of them from an older version
     * is removed from {@code traits}. An object or array value of a personal trait is dropped.
     */
    private void mergeTraits(Connection connection, String profileKey, Map<String, Object> traits,
            Map<String, String> sealedTraits, Instant at) throws SQLException {
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, String> personal = new LinkedHashMap<>(sealedTraits);
        traits.forEach((name, value) -> {
            if (!personalTraits.isPersonal(name) && !sealedTraits.containsKey(name)) {
                plain.put(name, value);
            } else if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                personal.putIfAbsent(name, value.toString());
            }
        });
        try (PreparedStatement upsert = connection.prepareStatement(
                "insert into journey_profile (profile_key, traits, personal_traits, personal_key_id, updated_at)"
                        + " values (?, ?::jsonb, ?::jsonb, ?, ?) on conflict (profile_key) do update set"
                        + " traits = (journey_profile.traits - ?::text[]) || excluded.traits,"
                        + " personal_traits = journey_profile.personal_traits || excluded.personal_traits,"
                        + " personal_key_id = least(journey_profile.personal_key_id, excluded.personal_key_id),"
                        + " updated_at = excluded.updated_at")) {
            upsert.setString(1, profileKey);
            upsert.setString(2, JSON.writeValueAsString(plain));
            upsert.setString(3, personalTraits.encrypt(personal));
            upsert.setObject(4, personal.isEmpty() ? null : personalTraits.activeKeyId(), Types.INTEGER);
            upsert.setTimestamp(5, Jdbc.timestamp(at));
            upsert.setArray(6, connection.createArrayOf("text", personalTraits.personalNames()));
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

    /**
     * Returns the stored traits of a profile; empty when none were seen. The personal traits are
     * {@link io.channelmind.web.crypto.SealedValue}s, still encrypted.
     */
    Map<String, Object> traits(Connection connection, String profileKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select traits, personal_traits from journey_profile where profile_key = ?")) {
            select.setString(1, profileKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Map.of();
                }
                Map<String, Object> traits = new LinkedHashMap<>(parse(row.getString(1)));
                traits.putAll(personalTraits.sealed(row.getString(2)));
                return traits;
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
