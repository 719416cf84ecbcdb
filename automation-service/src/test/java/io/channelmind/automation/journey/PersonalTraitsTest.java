package io.channelmind.automation.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.automation.service.SendAddressEncryption;
import io.channelmind.web.audit.AuditLog;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.SealedValue;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.crypto.TopicSealer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The personal traits of journey profiles: encrypted in the database, decrypted from
 * cm.customer-events, and moved out of the plaintext column by the re-encryption job.
 */
@QuarkusTest
class PersonalTraitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    ProfileFacts facts;

    @Inject
    TopicOpener opener;

    @Inject
    AuditLog audit;

    @Inject
    SendAddressEncryption encryption;

    private final TopicSealer sealer = new TopicSealer(new SecretKeyEncryptionKey(
            ConfigProvider.getConfig().getValue(SecretKeyEncryptionKey.PROPERTY, String.class), List.of()),
            Duration.ofHours(1), Clock.systemUTC());

    @Test
    void rawColumnsHoldNoPlaintext() throws Exception {
        String key = "pt:" + UUID.randomUUID();
        facts.record(UUID.randomUUID().toString(), key, "identify", null, T0,
                Map.of("email", "journey.ann@example.com", "phone", "+447900000126", "firstName", "Annabel",
                        "plan", "pro"));

        String raw = rawRow(key);
        Map<String, Object> traits = traits(key);

        for (String plaintext : List.of("journey.ann@example.com", "7900000126", "Annabel")) {
            assertFalse(raw.contains(plaintext), plaintext + " is in clear: " + raw);
        }
        assertTrue(raw.contains("pro"));
        assertInstanceOf(SealedValue.class, traits.get("email"));
        assertEquals("journey.ann@example.com", ((SealedValue) traits.get("email")).reveal());
        assertEquals("Annabel", ((SealedValue) traits.get("firstName")).reveal());
        assertEquals("pro", traits.get("plan"));
    }

    @Test
    void sealedEventStoredEncrypted() throws Exception {
        String key = "pt:" + UUID.randomUUID();
        ObjectNode event = identifyEvent(key, Map.of("email", "sealed.journey@example.com", "nickname", "Nan"));

        triggers().onCustomerEvent(event);

        String raw = rawRow(key);
        assertFalse(raw.contains("sealed.journey@example.com"), raw);
        assertFalse(raw.contains("Nan"), "a sealed trait outside the list is stored encrypted too: " + raw);
        assertEquals("sealed.journey@example.com", ((SealedValue) traits(key).get("email")).reveal());
        assertEquals("Nan", ((SealedValue) traits(key).get("nickname")).reveal());
    }

    @Test
    void tamperedEventIsSkipped() throws Exception {
        String key = "pt:" + UUID.randomUUID();
        ObjectNode event = identifyEvent(key, Map.of("email", "moved@example.com", "phone", "+447900000127"));
        ObjectNode values = (ObjectNode) event.get("sealedTraits").get("traits");
        String email = values.get("email").asText();
        values.put("email", values.get("phone").asText());
        values.put("phone", email);

        triggers().onCustomerEvent(event);

        assertNull(rawRowOrNull(key), "a tampered event stores nothing");
    }

    @Test
    void reencryptionMovesPlaintextTraits() throws Exception {
        String key = "pt:" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into journey_profile (profile_key, traits, updated_at) values (?, ?::jsonb, now())")) {
            insert.setString(1, key);
            insert.setString(2, "{\"email\": \"old.row@example.com\", \"firstName\": \"Olga\", \"plan\": \"basic\"}");
            insert.executeUpdate();
        }

        encryption.reencrypt().await().atMost(Duration.ofSeconds(30));

        String raw = rawRow(key);
        assertFalse(raw.contains("old.row@example.com"), raw);
        assertFalse(raw.contains("Olga"), raw);
        assertEquals("old.row@example.com", ((SealedValue) traits(key).get("email")).reveal());
        assertEquals("basic", traits(key).get("plan"));
    }

    @Test
    void sendFillsPlaceholderFromSealedTrait() throws Exception {
        String key = "pt:" + UUID.randomUUID();
        facts.record(UUID.randomUUID().toString(), key, "identify", null, T0,
                Map.of("email", "fill@example.com", "firstName", "Fiona"));

        Map<String, Object> traits = traits(key);

        assertEquals("Hello Fiona", StepRunner.fill("Hello {{firstName}}", traits));
        assertEquals("fill@example.com", StepRunner.address("email", traits));
    }

    private JourneyTriggers triggers() {
        JourneyFixtures.MutableClock clock = new JourneyFixtures.MutableClock(T0);
        JourneyStore store = new JourneyStore(dataSource, clock, audit);
        JourneyEngine engine = JourneyFixtures.engine(dataSource, facts, new JourneyFixtures.RecordingSender(), clock);
        return new JourneyTriggers(store, engine, facts, dataSource, opener, clock);
    }

    private ObjectNode identifyEvent(String key, Map<String, String> personal) {
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", eventId);
        event.put("type", "identify");
        event.put("profileKey", key);
        event.put("occurredAt", T0.toString());
        event.put("traits", Map.of("plan", "pro"));
        SealedTraits sealed = sealer.seal(JourneyTopics.CUSTOMER_EVENTS, eventId, personal);
        event.put("sealedTraits", sealed);
        return JSON.valueToTree(event);
    }

    private Map<String, Object> traits(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return facts.traits(connection, key);
        }
    }

    private String rawRow(String key) throws SQLException {
        String raw = rawRowOrNull(key);
        assertTrue(raw != null, "journey_profile has no row " + key);
        return raw;
    }

    private String rawRowOrNull(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select traits::text || ' ' || personal_traits::text from journey_profile where profile_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
