package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.event;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.service.CustomerEventBatch;
import io.channelmind.profile.service.CustomerEventService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

@QuarkusTest
class IdentityResolutionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Inject
    CustomerEventService service;

    @Inject
    ObjectMapper mapper;

    @Test
    void mergeChainEndsOnOneProfile() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(tracked(contact(ns + ":a", T0, "email"), ns, "a", null),
                tracked(contact(ns + ":b", T0.plusSeconds(1), "sms"), ns, "b", null),
                tracked(contact(ns + ":c", T0.plusSeconds(2), "email"), ns, "c", null)));
        awaitProfile(ns + ":c", "contacts", 1);

        sendCustomerEvents(List.of(alias(ns, "b", "c", T0.plusSeconds(3))));
        awaitProfile(ns + ":c", "profileKey", ns + ":b");
        sendCustomerEvents(List.of(alias(ns, "a", "b", T0.plusSeconds(4))));
        JsonPath profile = awaitProfile(ns + ":c", "profileKey", ns + ":a");

        assertEquals(3, profile.getInt("contacts"));
        assertEquals(2, profile.getInt("channels.find { it.channel == 'email' }.contacts"));
        assertEquals(ns + ":a", when().get("/api/v1/profiles/{key}", ns + ":b").jsonPath().getString("profileKey"));
        JsonPath identities = when().get("/api/v1/profiles/{key}/identities", ns + ":a").jsonPath();
        assertEquals(List.of(ns + ":a", ns + ":b", ns + ":c"),
                identities.getList("identities.findAll { it.kind == 'profileKey' }.value"));
        assertEquals(List.of(ns + ":c", ns + ":b"), identities.getList("merges.mergedProfileKey"));
        assertEquals(List.of(ns + ":a"), profileKeysIn(ns), "the merged profiles are deleted");

        Map<String, String> survivorByMerged = new TreeMap<>();
        TestEvents.readAll(Topics.PROFILE_MERGED, Duration.ofSeconds(2)).stream()
                .filter(record -> record.value().get("mergedProfileKey").asText().startsWith(ns + ":"))
                .forEach(record -> {
                    assertEquals("alias", record.value().get("reason").asText());
                    assertEquals(record.key(), record.value().get("survivingProfileKey").asText());
                    survivorByMerged.put(record.value().get("mergedProfileKey").asText(), record.key());
                });
        assertEquals(Map.of(ns + ":b", ns + ":a", ns + ":c", ns + ":b"), survivorByMerged,
                "each record is keyed by the survivor at the time of its merge");
    }

    @Test
    void mergeArrivesBeforeItsEvents() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(alias(ns, "a", "b", T0)));
        awaitProfile(ns + ":a", "lastSeenAt", T0.toString());

        sendCustomerEvents(List.of(tracked(contact(ns + ":b", T0.plusSeconds(5), "email"), ns, "b", null),
                tracked(event("conversion", ns + ":b", T0.plusSeconds(6), "email", 20, Map.of()), ns, "b", null)));
        JsonPath profile = awaitProfile(ns + ":b", "conversions", 1);

        assertEquals(ns + ":a", profile.getString("profileKey"));
        assertEquals(1, profile.getInt("contacts"));
        assertEquals(List.of(ns + ":a"), profileKeysIn(ns), "no profile is created for the aliased key");
    }

    @Test
    void anonymousVisitorJoinsIdentifiedUser() {
        String ns = TestEvents.namespace();
        String email = ns + "@example.com";
        // Keys differ, so the events may land on different partitions and apply in any order.
        sendCustomerEvents(List.of(
                tracked(contact(ns + ":anon-1", T0, "push"), ns, null, "anon-1"),
                tracked(identify(ns + ":u-1", T0.plusSeconds(10), Map.of("email", email)), ns, "u-1", "anon-1"),
                tracked(contact(ns + ":anon-2", T0, "push"), ns, null, "anon-2"),
                tracked(identify(ns + ":anon-2", T0.plusSeconds(20), Map.of("email", ns + "@EXAMPLE.com")), ns,
                        null, "anon-2")));
        awaitProfile(ns + ":u-1", "contacts", 2);

        assertEquals(ns + ":u-1", when().get("/api/v1/profiles/{key}", ns + ":anon-2").jsonPath().getString("profileKey"));
        assertEquals(List.of(ns + ":u-1"), profileKeysIn(ns), "both anonymous profiles merged into the user");
        given().queryParam("kind", "email").queryParam("value", " " + email + " ")
                .get("/api/v1/profiles/by-identity")
                .then().statusCode(200).body("profileKey", equalTo(ns + ":u-1"));
        given().queryParam("kind", "anonymousId").queryParam("value", ns + ":anon-1")
                .get("/api/v1/profiles/by-identity")
                .then().statusCode(200).body("profileKey", equalTo(ns + ":u-1"));
    }

    @Test
    void knownProfilesSharingEmailStaySeparate() {
        String ns = TestEvents.namespace();
        String email = ns + "-home@example.com";
        sendCustomerEvents(List.of(identify(ns + ":c-1", T0, Map.of("email", email))));
        awaitProfile(ns + ":c-1", "email", email);
        sendCustomerEvents(List.of(identify(ns + ":c-2", T0.plusSeconds(1), Map.of("email", email))));
        awaitProfile(ns + ":c-2", "email", email);

        assertEquals(List.of(ns + ":c-1", ns + ":c-2"), profileKeysIn(ns));
        given().queryParam("kind", "email").queryParam("value", email).get("/api/v1/profiles/by-identity")
                .then().statusCode(200).body("profileKey", equalTo(ns + ":c-1"));
    }

    @Test
    void replayedMergeIsAppliedOnce() {
        String ns = TestEvents.namespace();
        List<Map<String, Object>> contacts = List.of(
                tracked(contact(ns + ":a", T0, "email"), ns, "a", null),
                tracked(contact(ns + ":b", T0.plusSeconds(1), "email"), ns, "b", null));
        Map<String, Object> alias = alias(ns, "a", "b", T0.plusSeconds(2));
        sendCustomerEvents(contacts);
        awaitProfile(ns + ":a", "contacts", 1);
        awaitProfile(ns + ":b", "contacts", 1);
        sendCustomerEvents(List.of(alias));
        awaitProfile(ns + ":b", "profileKey", ns + ":a");

        sendCustomerEvents(List.of(contacts.get(0), contacts.get(1), alias));
        sendCustomerEvents(List.of(tracked(contact(ns + ":b", T0.plusSeconds(3), "sms"), ns, "b", null)));
        JsonPath profile = awaitProfile(ns + ":a", "contacts", 3);

        assertEquals(1, when().get("/api/v1/profiles/{key}/identities", ns + ":a").jsonPath().getList("merges").size());
        assertEquals(2, profile.getInt("channels.find { it.channel == 'email' }.contacts"));
    }

    @Test
    void concurrentMergesConverge() {
        for (int round = 0; round < 5; round++) {
            String ns = TestEvents.namespace();
            apply(List.of(tracked(contact(ns + ":a", T0, "email"), ns, "a", null),
                    tracked(contact(ns + ":b", T0, "email"), ns, "b", null),
                    tracked(contact(ns + ":c", T0, "email"), ns, "c", null)));

            // Two batches, each with a merge and an event for the profile it merges, touching b at once.
            Uni<Void> first = service.apply(batch(List.of(alias(ns, "a", "b", T0.plusSeconds(1)),
                    tracked(contact(ns + ":b", T0.plusSeconds(2), "sms"), ns, "b", null))));
            Uni<Void> second = service.apply(batch(List.of(alias(ns, "b", "c", T0.plusSeconds(1)),
                    tracked(contact(ns + ":c", T0.plusSeconds(2), "sms"), ns, "c", null))));
            Uni.combine().all().unis(first, second).discardItems().await().atMost(TIMEOUT);

            JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", ns + ":c").asString());
            assertEquals(ns + ":a", profile.getString("profileKey"), "round " + round);
            assertEquals(5, profile.getInt("contacts"), "round " + round);
            assertEquals(2, profile.getInt("channels.find { it.channel == 'sms' }.contacts"), "round " + round);
            assertEquals(List.of(ns + ":a"), profileKeysIn(ns), "round " + round);
        }
    }

    private void apply(List<Map<String, Object>> events) {
        service.apply(batch(events)).await().atMost(TIMEOUT);
    }

    private CustomerEventBatch batch(List<Map<String, Object>> events) {
        List<CustomerEvent> parsed = events.stream()
                .map(event -> mapper.convertValue(event, CustomerEvent.class))
                .toList();
        return new CustomerEventBatch(parsed.size(), Map.of(), parsed);
    }

    /** Returns the keys of the stored profiles of one test's namespace. */
    private static List<String> profileKeysIn(String ns) {
        List<String> keys = new ArrayList<>(given().queryParam("after", ns + ":").queryParam("limit", 20)
                .get("/api/v1/profiles").jsonPath().getList("profiles.profileKey", String.class));
        keys.removeIf(key -> !key.startsWith(ns + ":"));
        return keys;
    }

    static Map<String, Object> alias(String ns, String userId, String previousId, Instant at) {
        Map<String, Object> alias = tracked(event("alias", ns + ":" + userId, at, null, null, Map.of()), ns, userId,
                null);
        alias.put("previousId", previousId);
        return alias;
    }

    /** Returns a copy of the event as a tracking call of the source {@code ns} would produce it. */
    static Map<String, Object> tracked(Map<String, Object> event, String ns, String userId,
            String anonymousId) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("source", Map.of("kind", "tracking", "name", ns, "messageId", copy.get("eventId")));
        if (userId != null) {
            copy.put("userId", userId);
        }
        if (anonymousId != null) {
            copy.put("anonymousId", anonymousId);
        }
        return copy;
    }

    private static JsonPath awaitProfile(String key, String path, Object expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/v1/profiles/{key}", key)
                .then().statusCode(200).body(path, equalTo(expected)));
        JsonPath profile = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString());
        assertTrue(profile.getString("profileKey").startsWith(key.substring(0, key.indexOf(':'))));
        return profile;
    }
}
