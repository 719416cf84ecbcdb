package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ConsentApiTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void doubleOptInConfirmsWithToken() {
        String key = profile("ana");

        JsonPath requested = given().contentType(ContentType.JSON)
                .body(Map.of("state", "granted", "doubleOptIn", true, "actor", "signup-form", "note", "newsletter box"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(200).extract().jsonPath();
        String token = requested.getString("confirmationToken");

        assertEquals("pending", requested.getString("consent.state"));
        assertNotNull(token);
        given().contentType(ContentType.JSON).body(Map.of("token", token.substring(0, token.length() - 2) + "xx"))
                .post("/api/v1/privacy/consent/confirmations").then().statusCode(400)
                .body("errors[0].field", equalTo("token"));
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/privacy/consent/confirmations").then().statusCode(200)
                .body("consent.state", equalTo("confirmed")).body("confirmationToken", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/privacy/consent/confirmations").then().statusCode(409);

        JsonPath purposes = when().get("/api/v1/privacy/consent/{key}", key).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("confirmed", purposes.getString("purposes[0].state"));
        assertNotNull(purposes.getString("purposes[0].confirmedAt"));
        assertEquals(List.of("pending", "confirmed"), purposes.getList("history.change"));
        assertEquals(List.of("signup-form", "data-subject"), purposes.getList("history.actor"));

        List<String> states = TestEvents.readAll(Topics.CONSENT_CHANGES, Duration.ofSeconds(2)).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> record.value().get("purpose").asText() + ":" + record.value().get("state").asText())
                .toList();
        assertEquals(List.of("marketing:pending", "marketing:confirmed"), states);
    }

    @Test
    void consentChangesAudited() {
        String key = profile("dora");

        given().contentType(ContentType.JSON).body(Map.of("state", "granted", "actor", "signup-form"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("state", "withdrawn", "actor", "support:li"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("reason", "manual", "actor", "support:li"))
                .put("/api/v1/privacy/consent/{key}/do-not-contact", key)
                .then().statusCode(200);

        JsonPath consents = given().queryParam("entityType", "consent").queryParam("subjectKey", key)
                .get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("revoked", "granted")))
                .body("entries[0].before.state", equalTo("confirmed"))
                .body("entries[0].after.consent.state", equalTo("withdrawn"))
                .body("entries[0].after.requestedBy", equalTo("support:li"))
                .body("entries[1].before", nullValue())
                .extract().jsonPath();
        String pseudonym = consents.getString("entries[0].subject");
        JsonPath marks = given().queryParam("entityType", "do-not-contact").queryParam("subjectKey", key)
                .get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries[0].action", equalTo("changed"))
                .body("entries[0].after.doNotContact", equalTo(true))
                .body("entries[0].after.reason", equalTo("manual"))
                .extract().jsonPath();

        assertNotNull(pseudonym);
        assertEquals(pseudonym + "/email/marketing", consents.getString("entries[0].entityId"));
        assertEquals(pseudonym, consents.getString("entries[1].subject"));
        assertEquals(pseudonym, marks.getString("entries[0].entityId"));
        assertEquals(pseudonym, marks.getString("entries[0].subject"));
        assertFalse(consents.prettify().contains(key), "the consent entries name the profile by its pseudonym");
        assertFalse(marks.prettify().contains(key), "the do-not-contact entry names the profile by its pseudonym");
    }

    @Test
    void withdrawalNeedsNoToken() {
        String key = profile("ben");

        given().contentType(ContentType.JSON).body(Map.of("state", "withdrawn", "actor", "support:li"))
                .put("/api/v1/privacy/consent/{key}/sms/profiling", key)
                .then().statusCode(200).body("consent.state", equalTo("withdrawn"))
                .body("confirmationToken", nullValue());
    }

    @Test
    void manualDoNotContactIsSetAndCleared() {
        String key = profile("cai");

        given().contentType(ContentType.JSON).body(Map.of("reason", "manual", "actor", "support:li", "note", "asked by phone"))
                .put("/api/v1/privacy/consent/{key}/do-not-contact", key)
                .then().statusCode(200).body("doNotContact.reason", equalTo("manual"));
        when().get("/api/v1/profiles/{key}/consent", key).then().body("doNotContact.reason", equalTo("manual"));

        given().queryParam("actor", "support:li").queryParam("note", "asked again")
                .delete("/api/v1/privacy/consent/{key}/do-not-contact", key)
                .then().statusCode(200).body("doNotContact", nullValue());

        JsonPath purposes = when().get("/api/v1/privacy/consent/{key}", key).jsonPath();
        assertEquals(List.of("do-not-contact-set:manual", "do-not-contact-cleared"), purposes.getList("history.change"));
        assertEquals(List.of("asked by phone", "asked again"), purposes.getList("history.note"));
        List<Boolean> marks = TestEvents.readAll(Topics.CONSENT_CHANGES, Duration.ofSeconds(2)).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> record.value().get("doNotContact").asBoolean())
                .toList();
        assertEquals(List.of(true, false), marks);
    }

    @Test
    void invalidChangesReturnProblems() {
        String key = profile("dan");
        Map<String, Object> valid = Map.of("state", "granted", "actor", "crm");

        given().contentType(ContentType.JSON).body(valid)
                .put("/api/v1/privacy/consent/{key}/email/spam", key)
                .then().statusCode(400).body("errors[0].field", equalTo("purpose")).body("errors[0].value", equalTo("spam"));
        given().contentType(ContentType.JSON).body(valid)
                .put("/api/v1/privacy/consent/{key}/E MAIL/marketing", key)
                .then().statusCode(400).body("errors[0].field", equalTo("channel"));
        given().contentType(ContentType.JSON).body(with(valid, "state", "maybe"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(400).body("errors[0].field", equalTo("state"));
        given().contentType(ContentType.JSON).body(Map.of("state", "granted"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(400).body("errors[0].field", equalTo("actor"));
        given().contentType(ContentType.JSON).body(with(valid, "note", "x".repeat(501)))
                .put("/api/v1/privacy/consent/{key}/email/marketing", key)
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "annoyed", "actor", "crm"))
                .put("/api/v1/privacy/consent/{key}/do-not-contact", key)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        when().delete("/api/v1/privacy/consent/{key}/do-not-contact", key)
                .then().statusCode(400).body("errors[0].field", equalTo("actor"));
        given().contentType(ContentType.JSON).body(valid)
                .put("/api/v1/privacy/consent/{key}/email/marketing", key + "-missing")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("token", "not-a-token"))
                .post("/api/v1/privacy/consent/confirmations").then().statusCode(400);
    }

    private static String profile(String name) {
        String key = TestEvents.namespace() + ":" + name;
        sendCustomerEvents(List.of(contact(key, T0, "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
        return key;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }
}
