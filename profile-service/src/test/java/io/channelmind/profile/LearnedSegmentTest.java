package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.conversion;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LearnedSegmentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void learnedSegmentsCoverEveryProfile() {
        String ns = TestEvents.namespace();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(conversion(ns + ":big-" + i, T0, "email", 900 + i));
            events.add(conversion(ns + ":big-" + i, T0.plusSeconds(3600), "email", 800));
            events.add(contact(ns + ":small-" + i, T0, "sms"));
        }
        sendCustomerEvents(events);
        ProfileEventsTest.awaitProfile(ns + ":big-4", "conversions", 2);
        ProfileEventsTest.awaitProfile(ns + ":small-4", "contacts", 1);
        long profiles = when().get("/api/v1/stats").jsonPath().getLong("profiles");

        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("name", ns, "k", 2, "seed", 7))
                .post("/api/v1/segments/learned").then().statusCode(201).extract().jsonPath();

        assertEquals(2, created.getInt("k"));
        assertEquals(2, created.getList("clusters").size());
        assertEquals(ns + "-1", created.getString("clusters[0].segment"));
        assertTrue(created.getLong("profiles") >= profiles, "every profile is clustered");
        assertEquals(created.getLong("profiles"), created.getLong("clusters[0].size") + created.getLong("clusters[1].size"));
        assertFalse(created.getString("clusters[0].description").isBlank());
        assertFalse(created.getString("clusters[0].descriptionZh").isBlank());
        assertTrue(created.getList("features").contains("frequency"));

        JsonPath segment = when().get("/api/v1/segments/{name}", ns + "-1").then().statusCode(200).extract().jsonPath();
        assertEquals("learned", segment.getString("kind"));
        assertEquals(null, segment.getString("rule"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of("true"), entries(ns, ns + ":big-0")));
        when().post("/api/v1/segments/{name}/evaluate", ns + "-1").then().statusCode(409);
    }

    @Test
    void refreshWithSameSeedChangesNothing() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(conversion(ns + ":a", T0, "email", 10)));
        ProfileEventsTest.awaitProfile(ns + ":a", "conversions", 1);
        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("name", ns, "k", 3))
                .post("/api/v1/segments/learned").then().statusCode(201).extract().jsonPath();

        JsonPath refreshed = when().post("/api/v1/segments/learned/{name}/refresh", ns).then().statusCode(200)
                .extract().jsonPath();

        assertEquals(42, refreshed.getLong("seed"));
        assertEquals(created.getList("clusters.description"), refreshed.getList("clusters.description"));
        assertEquals(created.getList("clusters.size"), refreshed.getList("clusters.size"));
        assertTrue(when().get("/api/v1/segments/learned").jsonPath().getList("name").contains(ns));
        when().get("/api/v1/segments/learned/{name}", ns).then().statusCode(200);
    }

    @Test
    void learnedRequestsAreValidated() {
        String ns = TestEvents.namespace();
        given().contentType(ContentType.JSON).body(Map.of("name", ns, "k", 2))
                .post("/api/v1/segments/learned").then().statusCode(201);

        given().contentType(ContentType.JSON).body(Map.of("name", ns, "k", 2))
                .post("/api/v1/segments/learned").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", "Bad Name"))
                .post("/api/v1/segments/learned").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", ns + "x", "k", 0))
                .post("/api/v1/segments/learned").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "learned", "rule", "contacts > 0"))
                .post("/api/v1/segments").then().statusCode(400);
        when().get("/api/v1/segments/learned/{name}", "no-such-segmentation").then().statusCode(404);
        when().post("/api/v1/segments/learned/{name}/refresh", "no-such-segmentation").then().statusCode(404);
    }

    private static List<String> entries(String segmentation, String profileKey) {
        return TestEvents.readAll(Topics.SEGMENT_MEMBERSHIP, Duration.ofMillis(500)).stream()
                .filter(record -> record.key().equals(profileKey))
                .filter(record -> record.value().path("segment").asText().startsWith(segmentation + "-"))
                .map(record -> record.value().path("member").asText())
                .toList();
    }
}
