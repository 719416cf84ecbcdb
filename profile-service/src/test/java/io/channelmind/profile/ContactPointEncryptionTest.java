package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.channelmind.profile.service.ContactPointEncryption;
import io.channelmind.stack.infra.LocalKeys;
import io.channelmind.web.crypto.CryptoConfig;
import io.channelmind.web.crypto.CryptoException;
import io.channelmind.web.crypto.DataKeyStore;
import io.channelmind.web.crypto.EnvelopeCipher;
import io.channelmind.web.crypto.KeyEncryptionKey;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ContactPointEncryptionTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Inject
    Pool pool;

    @Inject
    ContactPointEncryption encryption;

    @Inject
    CryptoConfig config;

    @Inject
    EnvelopeCipher cipher;

    @Test
    void databaseHoldsNoPlaintext() {
        String key = TestEvents.namespace() + ":ann";
        String email = TestEvents.namespace() + ".ann@example.com";
        storeProfile(key, Map.of("email", email, "phone", "+44 7900 000123", "firstName", "Annabel"));

        JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
        String raw = rawRow(key);

        assertEquals(email, profile.getString("email"));
        assertEquals("+44 7900 000123", profile.getString("phone"));
        assertEquals("Annabel", profile.getString("firstName"));
        assertFalse(raw.contains(email), raw);
        assertFalse(raw.contains("ann@example.com"), raw);
        assertFalse(raw.contains("7900 000123"), raw);
        assertFalse(raw.contains("7900000123"), raw);
        assertFalse(raw.contains("Annabel"), raw);
        assertNotNull(rawColumn(key, "email_encrypted"));
        assertNull(rawColumn(key, "email"));
    }

    @Test
    void personalTraitsEncrypted() {
        String key = TestEvents.namespace() + ":traits";
        storeProfile(key, Map.of("lastName", "Featherstonehaugh", "fullName", "Cai Featherstonehaugh", "plan", "gold"));

        JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
        String raw = rawRow(key);

        assertEquals("Featherstonehaugh", profile.getString("traits.lastName"));
        assertEquals("Cai Featherstonehaugh", profile.getString("traits.fullName"));
        assertEquals("gold", profile.getString("traits.plan"));
        assertFalse(raw.contains("Featherstonehaugh"), raw);
        assertTrue(raw.contains("gold"), "other traits stay in plaintext: " + raw);
        assertNotNull(rawColumn(key, "personal_traits_encrypted"));
    }

    @Test
    void plaintextPersonalTraitsReencrypted() {
        String key = TestEvents.namespace() + ":legacy-traits";
        insertPlaintextRow(key, null, null, null);
        pool.preparedQuery("update profile set traits = cast($2::text as jsonb) where profile_key = $1")
                .execute(Tuple.of(key, "{\"lastName\": \"Oyelaran\", \"plan\": \"silver\"}")).await().indefinitely();

        encryption.reencrypt().await().indefinitely();

        String raw = rawRow(key);
        JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
        assertFalse(raw.contains("Oyelaran"), raw);
        assertTrue(raw.contains("silver"), raw);
        assertEquals("Oyelaran", profile.getString("traits.lastName"));
        assertEquals("silver", profile.getString("traits.plan"));
    }

    @Test
    void plaintextRowsAreReencrypted() {
        String key = TestEvents.namespace() + ":legacy";
        insertPlaintextRow(key, "legacy@example.com", "13800138000", "Li");

        assertEquals("legacy@example.com", when().get("/api/v1/profiles/{key}", key).jsonPath().getString("email"),
                "a row from before encryption stays readable");

        long converted = encryption.reencrypt().await().indefinitely();

        assertTrue(converted >= 1, "converted " + converted);
        assertNull(rawColumn(key, "email"));
        assertNull(rawColumn(key, "phone"));
        assertNull(rawColumn(key, "first_name"));
        assertFalse(rawRow(key).contains("legacy@example.com"));
        assertFalse(rawRow(key).contains("13800138000"));
        JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
        assertEquals("legacy@example.com", profile.getString("email"));
        assertEquals("13800138000", profile.getString("phone"));
        assertEquals("Li", profile.getString("firstName"));
    }

    @Test
    void newDataKeyLeavesOldRowsReadable() {
        String key = TestEvents.namespace() + ":rotated";
        String email = TestEvents.namespace() + ".rotated@example.com";
        storeProfile(key, Map.of("email", email));
        byte[] old = rawColumn(key, "email_encrypted");

        int newKeyId = encryption.rotateDataKey().await().indefinitely().activeId();

        // The background job may have converted the row already, so the old value is checked as read before.
        assertNotEquals(EnvelopeCipher.dataKeyId(old), newKeyId);
        assertEquals(email, cipher.decrypt("profile.email", old), "a value under the old key stays readable");

        encryption.reencrypt().await().indefinitely();

        assertEquals(newKeyId, EnvelopeCipher.dataKeyId(rawColumn(key, "email_encrypted")));
        assertEquals(newKeyId, (int) rawInteger(key, "contact_key_id"));
        assertEquals(email, when().get("/api/v1/profiles/{key}", key).jsonPath().getString("email"));
    }

    @Test
    void newKekRewrapsDataKeys() {
        String key = TestEvents.namespace() + ":rewrapped";
        String email = TestEvents.namespace() + ".rewrapped@example.com";
        storeProfile(key, Map.of("email", email));
        byte[] ciphertext = rawColumn(key, "email_encrypted");
        String currentText = ConfigProvider.getConfig().getValue(SecretKeyEncryptionKey.PROPERTY, String.class);
        String nextText = LocalKeys.keyEncryptionKey();
        KeyEncryptionKey next = new SecretKeyEncryptionKey(nextText, List.of(currentText));
        EnvelopeCipher nextCipher = new EnvelopeCipher();
        try {
            new DataKeyStore(pool, next, nextCipher, config).load().await().indefinitely();

            assertEquals(List.of(next.currentKeyId()), kekIds(), "every data key is wrapped under the new key");
            assertEquals(email, nextCipher.decrypt("profile.email", ciphertext));
            assertTrue(Arrays.equals(ciphertext, rawColumn(key, "email_encrypted")), "no row is rewritten");
            CryptoException failure = assertThrows(CryptoException.class,
                    () -> new DataKeyStore(pool, new SecretKeyEncryptionKey(currentText, List.of()), new EnvelopeCipher(),
                            config).load().await().indefinitely());
            assertTrue(failure.getMessage().contains("is wrapped under key-encryption key " + next.currentKeyId()),
                    failure.getMessage());
        } finally {
            // Wraps the keys under the service's own key again, for the tests that follow.
            KeyEncryptionKey current = new SecretKeyEncryptionKey(currentText, List.of(nextText));
            new DataKeyStore(pool, current, new EnvelopeCipher(), config).load().await().indefinitely();
        }
        assertEquals(List.of(new SecretKeyEncryptionKey(currentText, List.of()).currentKeyId()), kekIds());
    }

    @Test
    void exportReturnsClearContactPoints() {
        String key = TestEvents.namespace() + ":exported";
        String email = TestEvents.namespace() + ".exported@example.com";
        storeProfile(key, Map.of("email", email, "firstName", "Bo"));

        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("kind", "profileKey", "value", key))
                .post("/api/v1/privacy/exports").then().statusCode(202).extract().jsonPath();

        assertEquals(email, created.getString("data.profile-service.profile[0].email"));
        assertEquals("Bo", created.getString("data.profile-service.profile[0].first_name"));
        assertNull(created.get("data.profile-service.profile[0].email_encrypted"));
        String stored = pool.preparedQuery("select data::text from privacy_confirmation where request_id = $1")
                .execute(Tuple.of(UUID.fromString(created.getString("requestId")))).await().indefinitely()
                .iterator().next().getString(0);
        assertFalse(stored.contains(email), "the stored export keeps the contact points encrypted");
        assertTrue(stored.contains("email_encrypted"), stored);
    }

    private void storeProfile(String key, Map<String, Object> traits) {
        sendCustomerEvents(List.of(identify(key, T0, traits), contact(key, T0.plusSeconds(60), "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
    }

    private void insertPlaintextRow(String key, String email, String phone, String firstName) {
        pool.preparedQuery("""
                insert into profile (profile_key, email, phone, first_name, first_seen_at, last_seen_at)
                values ($1, $2, $3, $4, $5, $5)""")
                .execute(Tuple.of(key, email, phone, firstName, T0.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        pool.preparedQuery("insert into profile_identity (kind, value, profile_key) values ('profileKey', $1, $1)")
                .execute(Tuple.of(key)).await().indefinitely();
    }

    private String rawRow(String key) {
        return pool.preparedQuery("select to_jsonb(p)::text from profile p where profile_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getString(0);
    }

    private byte[] rawColumn(String key, String column) {
        Row row = pool.preparedQuery("select " + column + "::bytea from profile where profile_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next();
        return row.getBuffer(0) == null ? null : row.getBuffer(0).getBytes();
    }

    private Integer rawInteger(String key, String column) {
        return pool.preparedQuery("select " + column + " from profile where profile_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getInteger(0);
    }

    private List<String> kekIds() {
        return pool.query("select distinct kek_id from data_key").execute().await().indefinitely().stream()
                .map(row -> row.getString(0)).toList();
    }
}
