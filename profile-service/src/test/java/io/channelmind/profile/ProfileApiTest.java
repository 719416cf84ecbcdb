package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProfileApiTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void unknownProfileIsProblem() {
        when().get("/api/v1/profiles/{key}", "demo:missing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:profile-not-found"))
                .body("status", equalTo(404))
                .body("errors[0].field", equalTo("profileKey"))
                .body("errors[0].value", equalTo("demo:missing"));
    }

    @Test
    void profilesArePagedInKeyOrder() {
        String ns = TestEvents.namespace();
        sendCustomerEvents(List.of(contact(ns + ":c", T0, "email"), contact(ns + ":a", T0, "email"),
                contact(ns + ":b", T0, "email")));
        ProfileEventsTest.awaitProfile(ns + ":b", "contacts", 1);
        ProfileEventsTest.awaitProfile(ns + ":c", "contacts", 1);

        JsonPath first = page(ns + ":", 2);
        JsonPath second = page(first.getString("next"), 2);

        assertEquals(List.of(ns + ":a", ns + ":b"), first.getList("profiles.profileKey"));
        assertEquals(ns + ":b", first.getString("next"));
        assertEquals(ns + ":c", second.getString("profiles[0].profileKey"));
        assertEquals(1, first.getInt("profiles[0].contacts"));
    }

    @Test
    void profileLimitOutOfRangeIsProblem() {
        for (String limit : List.of("0", "-3", "1001", "many")) {
            given().queryParam("limit", limit)
                    .when().get("/api/v1/profiles")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:channelmind:problem:invalid-limit"))
                    .body("errors[0].value", equalTo(limit));
        }
    }

    @Test
    void statsCountProfilesAndEvents() {
        String key = TestEvents.namespace() + ":a";
        sendCustomerEvents(List.of(contact(key, T0, "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);

        when().get("/api/v1/stats")
                .then().statusCode(200)
                .body("profiles", greaterThanOrEqualTo(1))
                .body("eventsConsumed", greaterThanOrEqualTo(1));
    }

    @Test
    void readinessCoversKafkaAndDatabase() {
        when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        when().get("/q/openapi").then().statusCode(200);
        when().get("/q/metrics").then().statusCode(200);
    }

    private static JsonPath page(String after, int limit) {
        return given().queryParam("after", after).queryParam("limit", limit)
                .when().get("/api/v1/profiles")
                .then().statusCode(200).extract().jsonPath();
    }
}
