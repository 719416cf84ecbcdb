package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.conversion;
import static io.channelmind.profile.TestEvents.delivery;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.TestEvents.Received;
import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SegmentTest {

    @Inject
    Pool pool;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void seededSegmentExists() {
        when().get("/api/v1/segments/not-converted")
                .then().statusCode(200)
                .body("name", equalTo("not-converted"))
                .body("rule", equalTo("conversions = 0"))
                .body("description", equalTo(
                        "Profiles with no recorded conversion yet: the audience for a first-purchase campaign."));
    }

    @Test
    void newSegmentEvaluatesExistingProfiles() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(
                identify(ns + ":a", T0, Map.of("ns", ns, "email", "a@example.com")),
                contact(ns + ":a", T0, "sms"), contact(ns + ":a", T0, "sms"),
                identify(ns + ":b", T0, Map.of("ns", ns, "email", "b@example.com")),
                contact(ns + ":b", T0, "sms"),
                identify(ns + ":c", T0, Map.of("ns", ns)),
                contact(ns + ":c", T0, "sms"), contact(ns + ":c", T0, "sms")));
        ProfileEventsTest.awaitProfile(ns + ":c", "contacts", 2);

        JsonPath created = createSegment(ns, "trait.ns = '" + ns + "' and channel.sms.contacts >= 2 and hasEmail = true")
                .then().statusCode(201)
                .header("Location", equalTo(baseUri() + "/api/v1/segments/" + ns))
                .extract().jsonPath();

        assertEquals(ns, created.getString("name"));
        assertEquals(1, created.getInt("size"));
        assertEquals("test segment", created.getString("description"));
        assertEquals(List.of(ns + ":a"), memberKeys(ns));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(ns + ":a=true"), membershipMessages(ns)));
    }

    @Test
    void membershipFollowsEventsAndIsPublished() {
        String ns = TestEvents.namespace();
        String key = ns + ":a";
        createSegment(ns, "trait.ns = '" + ns + "' and conversions = 0").then().statusCode(201);

        sendCustomerEvents(List.of(identify(key, T0, Map.of("ns", ns)), contact(key, T0, "email")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key), memberKeys(ns)));
        sendCustomerEvents(List.of(conversion(key, T0.plusSeconds(60), "email", 30)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(), memberKeys(ns)));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key + "=true", key + "=false"),
                membershipMessages(ns)));
        Received entry = TestEvents.readAll(Topics.SEGMENT_MEMBERSHIP, Duration.ofMillis(500)).stream()
                .filter(record -> record.value().path("segment").asText().equals(ns))
                .findFirst().orElseThrow();
        assertEquals(key, entry.key());
        assertEquals(1, entry.value().path("schemaVersion").asInt());
        assertFalse(entry.value().path("eventId").asText().isBlank());
        assertFalse(Instant.parse(entry.value().path("at").asText()).isBefore(T0));
    }

    @Test
    void notConvertedFollowsConversions() {
        String key = TestEvents.namespace() + ":a";

        sendCustomerEvents(List.of(contact(key, T0, "email")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key + "=true"),
                membershipMessages("not-converted", key)));
        sendCustomerEvents(List.of(conversion(key, T0, "email", 5)));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key + "=true", key + "=false"),
                membershipMessages("not-converted", key)));
    }

    @Test
    void membersArePagedInKeyOrder() {
        String ns = TestEvents.namespace();
        List<Object> events = new ArrayList<>();
        for (String id : List.of("e", "b", "d", "a", "c")) {
            events.add(identify(ns + ":" + id, T0, Map.of("ns", ns, "email", id + "@example.com", "firstName", id,
                    "phone", "+1555000" + id, "locale", "en", "timeZone", "UTC", "consent", Map.of("email", true))));
        }
        sendCustomerEvents(events);
        ProfileEventsTest.awaitProfile(ns + ":e", "firstName", "e");
        createSegment(ns, "trait.ns = '" + ns + "'").then().statusCode(201).body("size", equalTo(5));

        JsonPath first = members(ns, null, 2);
        JsonPath second = members(ns, first.getString("next"), 2);
        JsonPath third = members(ns, second.getString("next"), 2);

        assertEquals(ns, first.getString("segment"));
        assertEquals(List.of(ns + ":a", ns + ":b"), first.getList("members.profileKey"));
        assertEquals(ns + ":b", first.getString("next"));
        assertEquals(List.of(ns + ":c", ns + ":d"), second.getList("members.profileKey"));
        assertEquals(List.of(ns + ":e"), third.getList("members.profileKey"));
        assertNull(third.getString("next"));
        assertEquals("a@example.com", first.getString("members[0].email"));
        assertEquals("+1555000a", first.getString("members[0].phone"));
        assertEquals("a", first.getString("members[0].firstName"));
        assertEquals("en", first.getString("members[0].locale"));
        assertEquals("UTC", first.getString("members[0].timeZone"));
        assertEquals(Map.of("email", true), first.getMap("members[0].consent"));
    }

    @Test
    void segmentListIncludesSizes() {
        String ns = TestEvents.namespace();
        createSegment(ns, "trait.ns = '" + ns + "'").then().statusCode(201);

        when().get("/api/v1/segments")
                .then().statusCode(200)
                .body("name", hasItem(ns))
                .body("name", hasItem("not-converted"))
                .body("find { it.name == '" + ns + "' }.size", equalTo(0));
    }

    @Test
    void invalidRuleIsProblem() {
        createSegment(TestEvents.namespace(), "contacts > 1 and")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-rule"))
                .body("position", equalTo(16))
                .body("token", equalTo("end of rule"))
                .body("expected", equalTo("a field, 'not' or '('"))
                .body("detail", equalTo("Expected a field, 'not' or '(' at position 16 but found end of rule"))
                .body("errors[0].field", equalTo("rule"))
                .body("errors[0].value", equalTo("contacts > 1 and"));
    }

    @Test
    void duplicateNameIsConflict() {
        String ns = TestEvents.namespace();
        createSegment(ns, "contacts > 1").then().statusCode(201);

        createSegment(ns, "contacts > 2")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:segment-exists"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void concurrentCreatesOfOneNameConflict() throws Exception {
        String ns = TestEvents.namespace();
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String rule = "contacts > " + i;
            requests.add(() -> createSegment(ns, rule).statusCode());
        }

        List<Integer> statuses = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(requests.size());
        try {
            for (Future<Integer> response : executor.invokeAll(requests)) {
                statuses.add(response.get());
            }
        } finally {
            executor.shutdownNow();
        }
        statuses.sort(null);

        assertEquals(List.of(201, 409, 409, 409), statuses);
        when().get("/api/v1/segments/{name}", ns).then().statusCode(200).body("name", equalTo(ns));
    }

    @Test
    void invalidNameIsRejected() {
        createSegment("Bad_Name", "contacts > 1")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-request"))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].value", equalTo("Bad_Name"));
    }

    @Test
    void unknownSegmentIsNotFound() {
        when().get("/api/v1/segments/{name}", "no-such-segment")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"));
        when().get("/api/v1/segments/{name}/members", "no-such-segment")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"));
    }

    @Test
    void memberLimitOutOfRangeIsProblem() {
        for (String limit : List.of("0", "1001", "ten")) {
            given().queryParam("limit", limit)
                    .when().get("/api/v1/segments/not-converted/members")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:channelmind:problem:invalid-limit"))
                    .body("errors[0].field", equalTo("limit"))
                    .body("errors[0].value", equalTo(limit));
        }
    }

    @Test
    void lastMemberPageHasNoNext() {
        String ns = TestEvents.namespace();
        createSegment(ns, "trait.ns = '" + ns + "'").then().statusCode(201);

        when().get("/api/v1/segments/{name}/members", ns)
                .then().statusCode(200)
                .body("members.size()", equalTo(0))
                .body("next", nullValue());
    }

    @Test
    void windowRuleEvaluatesAsOf() {
        String ns = TestEvents.namespace();
        String rule = "trait.ns = '" + ns + "' and count(purchase, 90d) >= 1 and sum(purchase.value, 90d) > 1000";
        sendCustomerEvents(List.of(
                identify(ns + ":a", T0, Map.of("ns", ns)),
                conversion(ns + ":a", T0.minus(Duration.ofDays(10)), "email", 800),
                conversion(ns + ":a", T0.minus(Duration.ofDays(5)), "email", 300),
                identify(ns + ":b", T0, Map.of("ns", ns)),
                conversion(ns + ":b", T0.minus(Duration.ofDays(100)), "email", 2000),
                conversion(ns + ":b", T0.minus(Duration.ofDays(1)), "email", 50),
                identify(ns + ":c", T0, Map.of("ns", ns)),
                conversion(ns + ":c", T0.minus(Duration.ofDays(10)), "email", 1100),
                conversion(ns + ":c", T0.minus(Duration.ofDays(3)), "email", -200),
                identify(ns + ":d", T0, Map.of("ns", ns)),
                conversion(ns + ":d", T0.plus(Duration.ofDays(1)), "email", 5000)));
        ProfileEventsTest.awaitProfile(ns + ":d", "conversions", 1);

        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("name", ns, "rule", rule, "asOf", T0.toString()))
                .when().post("/api/v1/segments")
                .then().statusCode(201).extract().jsonPath();

        assertEquals(T0.toString(), created.getString("asOf"));
        // c's return does not lower the purchase sum, and d's purchase lies after asOf.
        assertEquals(List.of(ns + ":a", ns + ":c"), memberKeys(ns));

        sendCustomerEvents(List.of(conversion(ns + ":b", T0.minus(Duration.ofDays(2)), "email", 1000)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(ns + ":a", ns + ":b", ns + ":c"),
                memberKeys(ns)));
    }

    @Test
    void previewCountsWithoutSaving() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(
                conversion(ns + ":a", T0.minus(Duration.ofDays(3)), "email", 10),
                conversion(ns + ":b", T0.minus(Duration.ofDays(200)), "email", 10),
                conversion(ns + ":c", T0.minus(Duration.ofDays(1)), "email", 10),
                identify(ns + ":a", T0, Map.of("ns", ns)),
                identify(ns + ":b", T0, Map.of("ns", ns)),
                identify(ns + ":c", T0, Map.of("ns", ns))));
        ProfileEventsTest.awaitProfile(ns + ":c", "traits.ns", ns);
        String rule = "trait.ns = '" + ns + "' and count(purchase, 90d) >= 1";

        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("rule", rule, "asOf", T0.toString(), "sampleSize", 1))
                .when().post("/api/v1/segments/preview")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(2, preview.getInt("count"));
        assertEquals(List.of(ns + ":a"), preview.getList("sample", String.class));
        when().get("/api/v1/segments/{name}", "preview").then().statusCode(404);
    }

    @Test
    void previewRejectsBadInput() {
        given().contentType(ContentType.JSON)
                .body(Map.of("rule", "count(purchase, 90d) >="))
                .when().post("/api/v1/segments/preview")
                .then().statusCode(400)
                .body("position", equalTo(23));
        given().contentType(ContentType.JSON)
                .body(Map.of("rule", "contacts > 0", "sampleSize", 101))
                .when().post("/api/v1/segments/preview")
                .then().statusCode(400);
    }

    @Test
    void deliveryCountersDriveMembership() {
        String ns = TestEvents.namespace();
        String key = ns + ":a";
        // A channel of its own, so the population rates that smooth the click rate are this profile's.
        // They are read outside the batch's transaction, so the click is in the first batch.
        String channel = "email-" + ns;
        String rule = "trait.ns = '" + ns + "' and channel." + channel + ".opened >= 2 and channel." + channel
                + ".clickRate > 0.3";
        sendCustomerEvents(List.of(identify(key, T0, Map.of("ns", ns)), contact(key, T0, channel)));
        ProfileEventsTest.awaitProfile(key, "traits.ns", ns);
        createSegment(ns, rule).then().statusCode(201);

        TestEvents.send(Topics.DELIVERIES, List.of(delivery(key, channel), delivery(key, channel),
                delivery(key, channel), delivery(key, channel, "opened"), delivery(key, channel, "clicked")));
        ProfileEventsTest.awaitProfile(key, "channels[0].clicked", 1);
        assertEquals(List.of(), memberKeys(ns), "one open is not enough");
        TestEvents.send(Topics.DELIVERIES, List.of(delivery(key, channel, "opened")));

        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key), memberKeys(ns)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(key + "=true"), membershipMessages(ns)));
        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("rule", rule))
                .when().post("/api/v1/segments/preview")
                .then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, preview.getInt("count"));
        JsonPath evaluated = when().post("/api/v1/segments/{name}/evaluate", ns).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, evaluated.getInt("entered"));
        assertEquals(1, evaluated.getInt("size"));
    }

    @Test
    void evaluatePublishesChangesOnly() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(
                identify(ns + ":a", T0, Map.of("ns", ns)), contact(ns + ":a", T0, "sms"),
                identify(ns + ":b", T0, Map.of("ns", ns))));
        ProfileEventsTest.awaitProfile(ns + ":b", "traits.ns", ns);
        createSegment(ns, "trait.ns = '" + ns + "' and contacts >= 1").then().statusCode(201);
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(ns + ":a=true"), membershipMessages(ns)));

        JsonPath unchanged = when().post("/api/v1/segments/{name}/evaluate", ns).then().statusCode(200)
                .extract().jsonPath();
        pool.preparedQuery("delete from segment_member where segment = $1").execute(Tuple.of(ns))
                .await().atMost(TIMEOUT);
        JsonPath repaired = when().post("/api/v1/segments/{name}/evaluate", ns).then().statusCode(200)
                .extract().jsonPath();

        assertEquals(0, unchanged.getInt("entered"));
        assertEquals(0, unchanged.getInt("exited"));
        assertEquals(1, repaired.getInt("entered"));
        assertEquals(1, repaired.getInt("size"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(ns + ":a=true", ns + ":a=true"),
                membershipMessages(ns)));
        when().post("/api/v1/segments/{name}/evaluate", "no-such-segment").then().statusCode(404);
    }

    @Test
    void windowRuleErrorNamesPosition() {
        createSegment(TestEvents.namespace(), "count(purchase, 90) >= 1")
                .then().statusCode(400)
                .body("position", equalTo(16))
                .body("token", equalTo("'90'"));
    }

    private static Response createSegment(String name, String rule) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "rule", rule, "description", "test segment"))
                .when().post("/api/v1/segments");
    }

    private static JsonPath members(String segment, String after, int limit) {
        var request = given().queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.when().get("/api/v1/segments/{name}/members", segment)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> memberKeys(String segment) {
        return members(segment, null, 1000).getList("members.profileKey");
    }

    /** Returns the segment's membership messages as "profileKey=member", in topic order. */
    private static List<String> membershipMessages(String segment) {
        return membershipMessages(segment, null);
    }

    private static List<String> membershipMessages(String segment, String profileKey) {
        return TestEvents.readAll(Topics.SEGMENT_MEMBERSHIP, Duration.ofMillis(500)).stream()
                .map(Received::value)
                .filter(value -> value.path("segment").asText().equals(segment))
                .filter(value -> profileKey == null || value.path("profileKey").asText().equals(profileKey))
                .map(value -> value.path("profileKey").asText() + "=" + value.path("member").asBoolean())
                .toList();
    }

    private static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
