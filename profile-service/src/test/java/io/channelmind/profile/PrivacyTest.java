package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicSealer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PrivacyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final List<String> OTHER_SERVICES = List.of("ingestion-service", "content-service",
            "channel-optimizer", "automation-service");

    @Inject
    TopicSealer sealer;

    @Inject
    Pool pool;

    @Test
    void erasureDeletesPersonAndWaitsForEveryService() {
        String key = TestEvents.namespace() + ":ann";
        String email = TestEvents.namespace() + ".ann@example.com";
        sendCustomerEvents(List.of(identify(key, T0, Map.of("email", email, "phone", "+44 7900 000001")),
                contact(key, T0.plusSeconds(60), "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);

        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("kind", "email", "value", email))
                .post("/api/v1/privacy/erasures").then().statusCode(202).extract().jsonPath();
        String requestId = created.getString("requestId");

        assertEquals("pending", created.getString("status"));
        assertEquals(OTHER_SERVICES, created.getList("missingServices"));
        assertEquals(1, created.getInt("rowsDeleted.profile-service.profile"));
        assertEquals(3, created.getInt("rowsDeleted.profile-service.profile_identity"));
        when().get("/api/v1/profiles/{key}", key).then().statusCode(404);
        assertEquals(1L, rowsHolding(key, email), "only the pending request holds the profile key");

        TestEvents.Received request = TestEvents.readAll(Topics.PRIVACY_REQUESTS, Duration.ofSeconds(2)).stream()
                .filter(record -> requestId.equals(record.key())).findFirst().orElseThrow();
        assertEquals("erasure", request.value().get("kind").asText());
        assertEquals(key, request.value().get("profileKeys").get(0).asText());
        assertTrue(request.value().toString().contains(Identity.email(email).value()), "e-mail hash in the request");
        assertFalse(request.value().toString().contains(email), "no clear e-mail address in the request");

        TestEvents.send(Topics.PRIVACY_CONFIRMATIONS, List.of(confirmation(requestId, "ingestion-service")));
        await().atMost(TIMEOUT).untilAsserted(() -> when().get("/api/v1/privacy/erasures/{id}", requestId)
                .then().statusCode(200).body("missingServices.size()", equalTo(3)).body("status", equalTo("pending")));

        TestEvents.send(Topics.PRIVACY_CONFIRMATIONS, OTHER_SERVICES.stream().map(s -> confirmation(requestId, s)).toList());
        await().atMost(TIMEOUT).untilAsserted(() -> when().get("/api/v1/privacy/erasures/{id}", requestId)
                .then().statusCode(200).body("status", equalTo("completed")).body("missingServices.size()", equalTo(0)));
        assertEquals(2, when().get("/api/v1/privacy/erasures/{id}", requestId).jsonPath()
                .getInt("rowsDeleted.automation-service.send"));
        assertEquals(0L, rowsHolding(key, Identity.email(email).value()), "a completed erasure forgets the identifiers");
    }

    @Test
    void erasureUnlinksAuditEntries() {
        String key = TestEvents.namespace() + ":eva";
        String email = TestEvents.namespace() + ".eva@example.com";
        sendCustomerEvents(List.of(identify(key, T0, Map.of("email", email))));
        ProfileEventsTest.awaitProfile(key, "profileKey", key);
        given().contentType(ContentType.JSON).body(Map.of("state", "granted", "actor", "signup-form"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("reason", "manual", "actor", "support:li"))
                .put("/api/v1/privacy/consent/{key}/do-not-contact", key).then().statusCode(200);
        String pseudonym = given().queryParam("subjectKey", key).get("/api/v1/audit").then().statusCode(200)
                .body("entries.size()", equalTo(2)).extract().jsonPath().getString("entries[0].subject");
        assertEquals(1L, countRows("audit_subject", key), "the pseudonym's mapping names the profile");

        given().contentType(ContentType.JSON).body(Map.of("kind", "email", "value", email))
                .post("/api/v1/privacy/erasures").then().statusCode(202)
                .body("rowsDeleted.profile-service.audit_subject", equalTo(1));

        given().queryParam("subjectKey", key).get("/api/v1/audit").then().statusCode(200)
                .body("entries.size()", equalTo(0));
        assertEquals(0L, countRows("audit_subject", key), "the erasure deleted the mapping");
        assertEquals(0L, countRows("audit_log", key), "no audit entry names the profile key");
        given().queryParam("entityType", "consent").queryParam("entityId", pseudonym + "/email/marketing")
                .get("/api/v1/audit").then().statusCode(200)
                .body("entries.action", equalTo(List.of("granted")));
        given().queryParam("entityType", "subject").queryParam("entityId", pseudonym)
                .get("/api/v1/audit").then().statusCode(200)
                .body("entries.action", equalTo(List.of("erased")))
                .body("entries[0].subject", equalTo(pseudonym));
    }

    @Test
    void auditSubjectMappingNeverChanges() {
        String namespace = TestEvents.namespace();
        pool.preparedQuery("insert into audit_subject (subject_key, pseudonym) values ($1, gen_random_uuid())")
                .execute(Tuple.of(namespace + ":fay")).await().atMost(TIMEOUT);

        Throwable update = assertThrows(Throwable.class, () -> pool.preparedQuery(
                "update audit_subject set subject_key = $1 where subject_key = $2")
                .execute(Tuple.of(namespace + ":gus", namespace + ":fay")).await().atMost(TIMEOUT));

        assertTrue(update.getMessage().contains("never change"), update.getMessage());
    }

    @Test
    void replayAfterErasureIsDropped() {
        String ns = TestEvents.namespace();
        String key = ns + ":cid";
        String otherKey = ns + ":web";
        String email = ns + ".cid@example.com";
        List<Map<String, Object>> history = List.of(
                identify(key, T0, Map.of("email", email, "firstName", "Cid")),
                contact(key, T0.plusSeconds(60), "email"));
        sendCustomerEvents(history);
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
        given().contentType(ContentType.JSON).body(Map.of("kind", "profileKey", "value", key))
                .post("/api/v1/privacy/erasures").then().statusCode(202);
        Instant afterErasure = Instant.now().plusSeconds(60);

        // The same history imported again with new event ids, an old event that names the erased
        // address under another key, and one event that happens after the erasure.
        List<Map<String, Object>> replay = new ArrayList<>(List.of(
                identify(key, T0, Map.of("email", email, "firstName", "Cid")),
                contact(key, T0.plusSeconds(60), "email"),
                identify(otherKey, T0.plusSeconds(120), Map.of("email", email)),
                contact(otherKey, afterErasure, "sms")));
        sendCustomerEvents(replay);
        ProfileEventsTest.awaitProfile(otherKey, "contacts", 1);
        sendCustomerEvents(List.of(contact(key, afterErasure, "sms")));
        JsonPath renewed = ProfileEventsTest.awaitProfile(key, "contacts", 1);

        assertEquals("sms", renewed.getString("lastChannel"), "only the event after the erasure counts");
        assertNull(renewed.getString("firstName"), "the replayed identify is dropped");
        assertNull(when().get("/api/v1/profiles/{key}", otherKey).jsonPath().getString("email"),
                "the old identify naming the erased address is dropped");
        assertEquals(0L, countRows("erased_identity", key, email, Identity.email(email).value()),
                "erasure records hold only keyed hashes");
        assertTrue(countRows("erased_identity") >= 2, "the profile key and the e-mail hash are recorded");
    }

    @Test
    void exportGathersEveryService() {
        String key = TestEvents.namespace() + ":bob";
        sendCustomerEvents(List.of(identify(key, T0, Map.of("email", TestEvents.namespace() + ".bob@example.com")),
                contact(key, T0.plusSeconds(60), "sms")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);

        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("kind", "profileKey", "value", key))
                .post("/api/v1/privacy/exports").then().statusCode(202).extract().jsonPath();
        String requestId = created.getString("requestId");

        assertEquals(key, created.getString("data.profile-service.profile[0].profile_key"));
        assertEquals("sms", created.getString("data.profile-service.profile_channel[0].channel"));
        when().get("/api/v1/profiles/{key}", key).then().statusCode(200);

        // The other services seal an export's rows; a sealed value copied into another service's
        // confirmation does not open there, so that confirmation is skipped.
        Map<String, Object> automation = confirmation(requestId, "automation-service");
        automation.put("kind", "export");
        automation.remove("rowsDeleted");
        SealedTraits rows = sealer.seal(Topics.PRIVACY_CONFIRMATIONS, requestId + "/automation-service",
                Map.of("data", "{\"send\": [{\"profile_key\": \"" + key + "\", \"channel\": \"sms\"}]}"));
        automation.put("sealedData", rows);
        Map<String, Object> moved = confirmation(requestId, "content-service");
        moved.put("kind", "export");
        moved.remove("rowsDeleted");
        moved.put("sealedData", rows);
        TestEvents.send(Topics.PRIVACY_CONFIRMATIONS, List.of(moved, automation));
        await().atMost(TIMEOUT).untilAsserted(() -> when().get("/api/v1/privacy/exports/{id}", requestId)
                .then().statusCode(200).body("data.automation-service.send[0].channel", equalTo("sms")));
        when().get("/api/v1/privacy/exports/{id}", requestId).then().statusCode(200)
                .body("missingServices", hasItem("content-service"));
        when().get("/api/v1/privacy/erasures/{id}", requestId).then().statusCode(404);
    }

    @Test
    void invalidRequestsReturnProblems() {
        given().contentType(ContentType.JSON).body(Map.of("kind", "passport", "value", "x"))
                .post("/api/v1/privacy/erasures").then().statusCode(400)
                .body("errors[0].field", equalTo("kind")).body("errors[0].value", equalTo("passport"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "email", "value", "no-at-sign"))
                .post("/api/v1/privacy/exports").then().statusCode(400).body("errors[0].field", equalTo("value"));
        given().contentType(ContentType.JSON).body(Map.of("kind", "profileKey", "value", TestEvents.namespace() + ":none"))
                .post("/api/v1/privacy/erasures").then().statusCode(404).body("errors[0].field", equalTo("value"));
        when().get("/api/v1/privacy/erasures/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("requestId"));
        when().get("/api/v1/privacy/exports/{id}", java.util.UUID.randomUUID()).then().statusCode(404);
    }

    private static Map<String, Object> confirmation(String requestId, String service) {
        return new java.util.HashMap<>(Map.of("schemaVersion", 1, "eventId", requestId + "/" + service,
                "requestId", requestId, "kind", "erasure", "service", service,
                "rowsDeleted", Map.of("send", 2), "confirmedAt", T0.toString()));
    }

    /** Counts rows of every table of the schema whose text contains {@code needle}. */
    /** Counts the rows of the table whose text contains any of the needles. */
    private long countRows(String table, String... needles) {
        String sql = "select count(*) from \"" + table + "\" t where exists "
                + "(select 1 from unnest($1::text[]) n where strpos(t::text, n) > 0)";
        return pool.preparedQuery(sql).execute(Tuple.of((Object) needles)).await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    private long countRows(String table) {
        return pool.query("select count(*) from \"" + table + "\"").execute().await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    private long rowsHolding(String... needles) {
        String tables = "select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'";
        long total = 0;
        for (var row : pool.query(tables).execute().await().atMost(TIMEOUT)) {
            String table = row.getString(0);
            for (String needle : needles) {
                total += pool.preparedQuery("select count(*) from \"" + table + "\" t where strpos(t::text, $1) > 0")
                        .execute(Tuple.of(needle)).await().atMost(TIMEOUT).iterator().next().getLong(0);
            }
        }
        return total;
    }
}
