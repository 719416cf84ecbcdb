package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.conversion;
import static io.channelmind.profile.TestEvents.event;
import static io.channelmind.profile.TestEvents.fromImport;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProfileEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void identifyContactsAndConversionBuildProfile() {
        String key = TestEvents.namespace() + ":c-1";
        Map<String, Object> traits = Map.of("email", "ana@example.com", "phone", "+34600000001", "firstName", "Ana",
                "locale", "es-ES", "timeZone", "Europe/Madrid", "consent", Map.of("email", true, "sms", false),
                "age", 42, "job", "admin.");

        sendCustomerEvents(List.of(
                identify(key, T0, traits),
                contact(key, T0.plusSeconds(60), "email"),
                contact(key, T0.plusSeconds(120), "sms"),
                contact(key, T0.plusSeconds(90), "email"),
                conversion(key, T0.plusSeconds(180), "email", 12.5)));
        JsonPath profile = awaitProfile(key, "conversions", 1);

        assertEquals("ana@example.com", profile.getString("email"));
        assertEquals("+34600000001", profile.getString("phone"));
        assertEquals("Ana", profile.getString("firstName"));
        assertEquals("es-ES", profile.getString("locale"));
        assertEquals("Europe/Madrid", profile.getString("timeZone"));
        assertEquals(Map.of("email", true, "sms", false), profile.getMap("consent"));
        assertEquals(Map.of("age", 42, "job", "admin."), profile.getMap("traits"));
        assertEquals(3, profile.getInt("contacts"));
        assertEquals(12.5f, profile.getFloat("conversionValue"));
        assertEquals("sms", profile.getString("lastChannel"), "the latest contact by occurredAt is on sms");
        assertEquals("2024-05-01T08:02:00Z", profile.getString("lastContactAt"));
        assertEquals("2024-05-01T08:00:00Z", profile.getString("firstSeenAt"));
        assertEquals("2024-05-01T08:03:00Z", profile.getString("lastSeenAt"));
        assertEquals(List.of("email", "sms"), profile.getList("channels.channel"));
        assertEquals(List.of(2, 1), profile.getList("channels.contacts"));
        assertEquals(List.of(1, 0), profile.getList("channels.conversions"));
        assertEquals(List.of(0, 0), profile.getList("channels.sent"));
        assertEquals("2024-05-01T08:01:30Z", profile.getString("channels[0].lastContactAt"));
    }

    @Test
    void replayedEventIsAppliedOnce() {
        String key = TestEvents.namespace() + ":c-1";
        Map<String, Object> first = contact(key, T0, "email");
        sendCustomerEvents(List.of(first, first));
        awaitProfile(key, "contacts", 1);

        sendCustomerEvents(List.of(first, contact(key, T0.plusSeconds(1), "sms")));
        JsonPath profile = awaitProfile(key, "channels.find { it.channel == 'sms' }.contacts", 1);

        assertEquals(2, profile.getInt("contacts"));
        assertEquals(1, profile.getInt("channels.find { it.channel == 'email' }.contacts"));
    }

    @Test
    void laterTraitWinsEarlierIsKept() {
        String key = TestEvents.namespace() + ":c-1";

        sendCustomerEvents(List.of(
                identify(key, T0.plusSeconds(20), Map.of("email", "new@example.com", "tier", "gold",
                        "consent", Map.of("email", true))),
                identify(key, T0.plusSeconds(10), Map.of("email", "old@example.com", "tier", "silver",
                        "locale", "en-GB", "consent", Map.of("email", false, "sms", true))),
                identify(key, T0.plusSeconds(30), Map.of("phone", "+4479000000", "firstName", "Bo"))));
        JsonPath profile = awaitProfile(key, "firstName", "Bo");

        assertEquals("new@example.com", profile.getString("email"), "the later identify sets email");
        assertEquals("gold", profile.getString("traits.tier"), "the later identify sets the free trait");
        assertEquals("en-GB", profile.getString("locale"), "a trait only the older event has is kept");
        assertEquals("+4479000000", profile.getString("phone"));
        assertEquals(Map.of("email", true, "sms", true), profile.getMap("consent"));
        assertEquals("2024-05-01T08:00:10Z", profile.getString("firstSeenAt"));
    }

    @Test
    void importProgressCountsDuplicatesAndUnknownTypes() {
        String ns = TestEvents.namespace();
        String importId = ns + "-import";
        Map<String, Object> first = fromImport(contact(ns + ":c-1", T0, "email"), importId, 1);
        Map<String, Object> unknown = fromImport(event("page", ns + ":c-1", T0, null, null, Map.of()), importId, 3);

        sendCustomerEvents(List.of(first, fromImport(contact(ns + ":c-2", T0, "sms"), importId, 2), first, unknown));

        await().atMost(TIMEOUT).untilAsserted(() -> when().get("/api/v1/imports/{id}/progress", importId)
                .then().statusCode(200)
                .body("importId", equalTo(importId))
                .body("eventsConsumed", equalTo(4)));
        assertEquals(1, JsonPath.from(when().get("/api/v1/profiles/{key}", ns + ":c-1").asString()).getInt("contacts"));
    }

    @Test
    void unknownImportHasNoProgress() {
        when().get("/api/v1/imports/{id}/progress", "never-imported")
                .then().statusCode(200)
                .body("importId", equalTo("never-imported"))
                .body("eventsConsumed", equalTo(0));
    }

    @Test
    void malformedAndUnknownEventsAreSkipped() {
        String ns = TestEvents.namespace();
        long consumedBefore = when().get("/api/v1/stats").jsonPath().getLong("eventsConsumed");
        Map<String, Object> missingKey = contact(ns + ":c-0", T0, "email");
        missingKey.remove("profileKey");

        sendCustomerEvents(List.of("not json", missingKey, event("page", ns + ":c-1", T0, null, null, Map.of()),
                contact(ns + ":c-2", T0, "email")));
        awaitProfile(ns + ":c-2", "contacts", 1);

        long consumed = when().get("/api/v1/stats").jsonPath().getLong("eventsConsumed");
        assertTrue(consumed >= consumedBefore + 4, "all four records count as consumed");
        when().get("/api/v1/profiles/{key}", ns + ":c-1").then().statusCode(404);
    }

    @Test
    void conversionWithoutValueOrChannel() {
        String key = TestEvents.namespace() + ":c-1";

        sendCustomerEvents(List.of(conversion(key, T0, null, null)));
        JsonPath profile = awaitProfile(key, "conversions", 1);

        assertEquals(0, profile.getInt("conversionValue"));
        assertEquals(List.of(), profile.getList("channels"));
        assertNull(profile.getString("lastChannel"));
        assertNull(profile.getString("email"));
    }

    static JsonPath awaitProfile(String key, String path, Object expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/v1/profiles/{key}", key)
                .then().statusCode(200).body(path, equalTo(expected)));
        return JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
    }
}
