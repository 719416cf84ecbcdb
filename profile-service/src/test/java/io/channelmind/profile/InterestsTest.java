package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.event;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.service.CustomerEventBatch;
import io.channelmind.profile.service.CustomerEventService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** Interest vectors, tags, similar profiles and the vector pages, with the real models. */
@QuarkusTest
class InterestsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static final List<String> OUTDOOR = List.of("Waterproof hiking boots", "Two person camping tent",
            "双人野营帐篷带防潮垫", "Trekking poles for mountain walks", "轻量防水冲锋衣");
    private static final List<String> KITCHEN = List.of("Non-stick frying pan", "Set of four ceramic coffee mugs",
            "不粘锅煎锅和木铲套装", "Stainless steel cake tin", "陶瓷茶杯四件套");

    @Inject
    CustomerEventService service;

    @Inject
    ObjectMapper mapper;

    @Test
    void tagsFollowPurchases() {
        String key = TestEvents.namespace() + ":c-1";
        List<Map<String, Object>> outdoor = new ArrayList<>();
        for (int i = 0; i < OUTDOOR.size(); i++) {
            outdoor.add(purchase(key, T0.plus(Duration.ofDays(i)), OUTDOOR.get(i)));
        }
        apply(outdoor);

        JsonPath first = profile(key);
        assertEquals("outdoor", first.getString("interests[0].label"));
        assertTrue(first.getDouble("interests[0].score") > 0.5, "outdoor share " + first.getDouble("interests[0].score"));

        // Half a year later the customer buys only kitchen goods. Two half-lives of 90 days have
        // passed, so the outdoor purchases weigh a quarter of the kitchen ones.
        List<Map<String, Object>> kitchen = new ArrayList<>();
        for (int i = 0; i < KITCHEN.size(); i++) {
            kitchen.add(purchase(key, T0.plus(Duration.ofDays(180 + i)), KITCHEN.get(i)));
        }
        apply(kitchen);

        JsonPath later = profile(key);
        assertEquals("kitchen", later.getString("interests[0].label"));
        assertEquals("outdoor", later.getString("interests[1].label"));
        assertTrue(later.getDouble("interests[1].score") < 0.3, "outdoor share " + later.getDouble("interests[1].score"));
    }

    @Test
    void returnsAndCancellationsAddNothing() {
        String key = TestEvents.namespace() + ":c-1";
        apply(List.of(purchase(key, T0, OUTDOOR.get(0))));
        List<Double> before = vector(key);

        Map<String, Object> returned = event("conversion", key, T0.plusSeconds(60), null, -10,
                Map.of("description", KITCHEN.get(0)));
        Map<String, Object> cancelled = event("cancellation", key, T0.plusSeconds(120), null, 10,
                Map.of("description", KITCHEN.get(1)));
        apply(List.of(returned, cancelled));

        assertEquals(before, vector(key));
        assertEquals(1, profile(key).getInt("features.returns"), "the return was applied");
    }

    @Test
    void searchesReachProfileThroughKafka() {
        String ns = TestEvents.namespace();
        String key = ns + ":u-1";
        Map<String, Object> search = tracked(event("track", key, T0, null, null, Map.of()), ns, "u-1");
        search.put("event", "Products Searched");
        search.put("properties", Map.of("query", "笔记本电脑和无线耳机"));
        Map<String, Object> empty = tracked(event("track", ns + ":u-2", T0, null, null, Map.of()), ns, "u-2");
        empty.put("event", "Button Clicked");
        empty.put("properties", Map.of("color", "blue"));

        TestEvents.sendCustomerEvents(List.of(search, empty));

        await().atMost(TIMEOUT).untilAsserted(() -> when().get("/api/v1/profiles/{key}", key)
                .then().statusCode(200).body("interests[0].label", equalTo("electronics")));
        when().get("/api/v1/profiles/{key}", ns + ":u-2").then().statusCode(404);
    }

    @Test
    void mergeAddsInterestVectors() {
        String ns = TestEvents.namespace();
        apply(List.of(purchase(ns + ":a", T0, OUTDOOR.get(0)), purchase(ns + ":a", T0, OUTDOOR.get(1)),
                purchase(ns + ":b", T0, KITCHEN.get(0))));
        Map<String, Object> alias = tracked(event("alias", ns + ":a", T0.plusSeconds(10), null, null, Map.of()), ns,
                "a");
        alias.put("previousId", "b");
        apply(List.of(alias));

        JsonPath merged = profile(ns + ":a");
        assertEquals(List.of("outdoor", "kitchen"), merged.getList("interests.label"));
        assertEquals(2.0 / 3, merged.getDouble("interests[0].score"), 0.1);
    }

    @Test
    void similarRanksSameThemeFirst() {
        String ns = TestEvents.namespace();
        apply(List.of(
                purchase(ns + ":en-outdoor", T0, OUTDOOR.get(0)),
                purchase(ns + ":en-outdoor", T0, OUTDOOR.get(1)),
                purchase(ns + ":zh-outdoor", T0, OUTDOOR.get(2)),
                purchase(ns + ":zh-outdoor", T0, OUTDOOR.get(4)),
                purchase(ns + ":zh-kitchen", T0, KITCHEN.get(2)),
                purchase(ns + ":en-kitchen", T0, KITCHEN.get(1)),
                event("contact", ns + ":no-texts", T0, "email", null, Map.of())));

        JsonPath similar = given().queryParam("limit", 100).get("/api/v1/profiles/{key}/similar", ns + ":en-outdoor")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(ns + ":en-outdoor", similar.getString("profileKey"));
        List<String> keys = similar.getList("similar.profileKey", String.class).stream()
                .filter(found -> found.startsWith(ns + ":"))
                .toList();
        assertEquals(ns + ":zh-outdoor", keys.get(0), "the Chinese outdoor profile is the most similar");
        assertEquals(List.of(ns + ":en-kitchen", ns + ":zh-kitchen"), keys.subList(1, 3).stream().sorted().toList());
        assertFalse(keys.contains(ns + ":no-texts"), "a profile without interests is not listed");
        assertFalse(keys.contains(ns + ":en-outdoor"), "the profile itself is not listed");
        double nearest = similar.getDouble("similar.find { it.profileKey == '" + ns + ":zh-outdoor' }.similarity");
        assertTrue(nearest > 0.5, "cosine to the Chinese outdoor profile " + nearest);
    }

    @Test
    void similarRejectsBadLimit() {
        String key = TestEvents.namespace() + ":c-1";
        apply(List.of(purchase(key, T0, OUTDOOR.get(0))));

        given().queryParam("limit", 0).get("/api/v1/profiles/{key}/similar", key).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "many").get("/api/v1/profiles/{key}/similar", key).then().statusCode(400);
        when().get("/api/v1/profiles/{key}/similar", key + "-missing").then().statusCode(404);
    }

    @Test
    void similarIsEmptyWithoutInterests() {
        String key = TestEvents.namespace() + ":c-1";
        apply(List.of(event("contact", key, T0, "email", null, Map.of())));

        when().get("/api/v1/profiles/{key}/similar", key).then().statusCode(200)
                .body("similar.size()", equalTo(0))
                .body("interests.size()", equalTo(0));
    }

    @Test
    void interestPageListsShares() {
        String ns = TestEvents.namespace();
        apply(List.of(purchase(ns + ":a", T0, OUTDOOR.get(0)), purchase(ns + ":b", T0, KITCHEN.get(0)),
                purchase(ns + ":c", T0, KITCHEN.get(1)), event("contact", ns + ":d", T0, "email", null, Map.of())));

        JsonPath page = interestPage(ns, 2);

        assertEquals(List.of(ns + ":a", ns + ":b"), page.getList("profiles.profileKey"));
        assertEquals(ns + ":b", page.getString("next"));
        List<String> labels = page.getList("labels", String.class);
        List<Double> vector = page.getList("profiles[0].vector", Double.class);
        assertEquals(labels.size(), vector.size());
        assertEquals(1.0, vector.stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(vector.get(labels.indexOf("outdoor")) > 0.5, "outdoor share of a");
        assertTrue(page.getString("modelVersion").startsWith("bge-small-zh-v1.5+all-minilm-l6-v2"),
                page.getString("modelVersion"));

        JsonPath rest = interestPage(ns + ":b", 2);
        assertEquals(ns + ":c", rest.getString("profiles[0].profileKey"));
        given().queryParam("limit", 5000).get("/api/v1/profiles/interests").then().statusCode(400);
    }

    @Test
    void ruleSelectsByInterestShare() {
        String ns = TestEvents.namespace();
        apply(List.of(purchase(ns + ":a", T0, OUTDOOR.get(0)), purchase(ns + ":b", T0, KITCHEN.get(0)),
                identify(ns + ":a", ns), identify(ns + ":b", ns)));

        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of("rule", "trait.ns = '" + ns + "' and interest.outdoor > 0.3"))
                .when().post("/api/v1/segments/preview")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(1, preview.getInt("count"));
        assertEquals(List.of(ns + ":a"), preview.getList("sample", String.class));
    }

    @Test
    void incrementalEqualsReplay() {
        String incremental = TestEvents.namespace();
        String replay = TestEvents.namespace();
        Random random = new Random(3);
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> texts = new ArrayList<>(OUTDOOR);
        texts.addAll(KITCHEN);
        for (int i = 0; i < 40; i++) {
            String id = random.nextBoolean() ? "a" : "b";
            events.add(purchase(id, T0.plus(Duration.ofHours(7L * i + random.nextInt(5))),
                    texts.get(random.nextInt(texts.size()))));
        }

        Random batchSizes = new Random(5);
        List<Map<String, Object>> pending = new ArrayList<>();
        for (Map<String, Object> event : events) {
            pending.add(renamed(event, incremental));
            if (pending.size() >= 1 + batchSizes.nextInt(6)) {
                apply(pending);
                pending.clear();
            }
        }
        apply(pending);
        List<Map<String, Object>> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(9));
        apply(shuffled.stream().map(event -> renamed(event, replay)).toList());

        for (String id : List.of("a", "b")) {
            List<Double> incrementalVector = vector(incremental + ":" + id);
            List<Double> replayVector = vector(replay + ":" + id);
            assertEquals(incrementalVector.size(), replayVector.size());
            for (int i = 0; i < incrementalVector.size(); i++) {
                assertEquals(replayVector.get(i), incrementalVector.get(i), 1e-12, "profile " + id + " label " + i);
            }
            assertEquals(profile(replay + ":" + id).getList("interests.label"),
                    profile(incremental + ":" + id).getList("interests.label"), "tags of profile " + id);
        }
    }

    /** Reads a page of interest vectors with numbers as doubles (JsonPath reads floats by default). */
    private static JsonPath interestPage(String after, int limit) {
        String body = given().queryParam("after", after).queryParam("limit", limit).get("/api/v1/profiles/interests")
                .then().statusCode(200).extract().asString();
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static List<Double> vector(String key) {
        JsonPath page = interestPage(key.substring(0, key.indexOf(':')), 10);
        int index = page.getList("profiles.profileKey", String.class).indexOf(key);
        assertTrue(index >= 0, key + " has an interest vector");
        return page.getList("profiles[" + index + "].vector", Double.class);
    }

    private static Map<String, Object> purchase(String key, Instant at, String description) {
        return event("conversion", key, at, "web", 20, Map.of("description", description, "quantity", 1));
    }

    private static Map<String, Object> identify(String key, String ns) {
        return event("identify", key, T0.plusSeconds(1), null, null, Map.of("ns", ns));
    }

    /** Returns a copy of the event as a tracking call of the source {@code ns} would produce it. */
    private static Map<String, Object> tracked(Map<String, Object> event, String ns, String userId) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("source", Map.of("kind", "tracking", "name", ns, "messageId", copy.get("eventId")));
        copy.put("userId", userId);
        return copy;
    }

    /** Returns a copy of the event with its key in the namespace and a fresh event id. */
    private static Map<String, Object> renamed(Map<String, Object> event, String ns) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("profileKey", ns + ":" + event.get("profileKey"));
        copy.put("eventId", ns + "-" + event.get("eventId"));
        return copy;
    }

    private static JsonPath profile(String key) {
        return given().get("/api/v1/profiles/{key}", key).then().statusCode(200).extract().jsonPath();
    }

    private void apply(List<Map<String, Object>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<CustomerEvent> parsed = events.stream().map(event -> mapper.convertValue(event, CustomerEvent.class))
                .toList();
        service.apply(new CustomerEventBatch(parsed.size(), Map.of(), parsed)).await().atMost(TIMEOUT);
    }
}
