package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.identify;
import static io.channelmind.optimizer.TestEvents.membership;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Trains a response model from consumed identify, contact and conversion events and requests a
 * bandit recommendation per profile and per segment.
 */
@QuarkusTest
class ResponseModelApiTest {

    private static final String EMAIL = "email-model-test";
    private static final String SMS = "sms-model-test";
    private static final String SEGMENT = "model-test-members";
    private static final int PROFILES = 60;
    private static String firstProfile;
    private static int version;

    // Younger profiles convert on email, older ones on SMS; every third profile does not convert.
    // RestAssured gets the test port per test, so the shared history is sent from the first test.
    @BeforeEach
    synchronized void sendHistoryAndTrain() {
        if (firstProfile != null) {
            return;
        }
        String importId = unique("import");
        List<Map<String, Object>> events = new ArrayList<>();
        List<Map<String, Object>> memberships = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            String profile = "model-test:p-" + i + "-" + importId;
            int age = 20 + i;
            String channel = i % 2 == 0 ? EMAIL : SMS;
            boolean converts = i % 3 != 0 && (channel.equals(EMAIL) ? age < 50 : age >= 50);
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("age", age);
            traits.put("marital", i % 4 == 0 ? "single" : "married");
            traits.put("email", "p" + i + "@example.com");
            events.add(identify(profile, traits, importId));
            events.add(contact(profile, channel, importId));
            if (converts) {
                events.add(conversion(profile, channel, 10.0, importId));
            }
            if (i < 10) {
                memberships.add(membership(SEGMENT, profile, true));
            }
        }
        TestEvents.sendCustomerEvents(events);
        TestEvents.sendMemberships(memberships);
        TestEvents.awaitImportProgress(importId, events.size());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/segments/{name}", SEGMENT)
                .then().statusCode(200).body("members", equalTo(10)));

        firstProfile = "model-test:p-0-" + importId;
        version = given().contentType(ContentType.JSON)
                .body("{\"l2\": 0.5, \"sensitiveAttributes\": [\"marital\"]}")
                .post("/api/v1/response-models")
                .then().statusCode(201)
                .extract().path("version");
    }

    @Test
    void trainingStoresEvaluationAndBias() {
        JsonPath stored = given().get("/api/v1/response-models/{version}", version)
                .then().statusCode(200).extract().jsonPath();

        assertEquals(0.5, stored.getDouble("settings.l2"), 1e-12);
        assertFalse(stored.getList("evaluation.features", String.class).contains("email"));
        assertEquals(List.of("age", "marital"), stored.getList("evaluation.features", String.class));
        assertEquals("age band", stored.getString("bias.attributes[0].attribute"));
        assertEquals("marital", stored.getString("bias.attributes[1].attribute"));
        assertEquals(0.8, stored.getDouble("bias.flagBelow"), 1e-12);
        assertEquals(10, stored.getList("evaluation.model.calibration").size());
        assertEquals(List.of(EMAIL, SMS), stored.getList("model.encoder.channels", String.class));
        assertFalse(stored.getBoolean("embeddings.used"));
        assertEquals("channelmind.optimizer.profile-service.url is not set, so the model was trained on profile"
                + " features only", stored.getString("embeddings.reason"));
        assertNull(stored.get("embeddings.withoutEmbeddings"));
    }

    @Test
    void listLeavesOutModel() {
        given().get("/api/v1/response-models")
                .then().statusCode(200)
                .body("version", hasItem(version))
                .body("[0].model", nullValue())
                .body("[0].evaluation.holdoutRows", greaterThan(0));
    }

    @Test
    void invalidSettingsNameField() {
        given().contentType(ContentType.JSON).body("{\"l2\": -1, \"holdoutShare\": 0.9}")
                .post("/api/v1/response-models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("l2"))
                .body("errors.field", hasItem("holdoutShare"));
    }

    @Test
    void unknownVersionIsNotFound() {
        given().get("/api/v1/response-models/{version}", 999_999)
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:response-model-not-found"));
        given().get("/api/v1/response-models/{version}", "latest")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
    }

    @Test
    void profileRecommendationIsSeeded() {
        String path = "/api/v1/recommendations/profiles/{profileKey}/channel";
        JsonPath first = given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 7)
                .queryParam("segment", SEGMENT)
                .get(path, firstProfile).then().statusCode(200).extract().jsonPath();
        JsonPath second = given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 7)
                .queryParam("segment", SEGMENT)
                .get(path, firstProfile).then().statusCode(200).extract().jsonPath();

        assertEquals(first.getString("channel"), second.getString("channel"));
        assertEquals(first.getString("reason"), second.getString("reason"));
        assertEquals("segment-members", first.getString("referenceBasis"));
        assertEquals(version, first.getInt("modelVersion"));
        assertEquals("response-model", first.getString("considered[0].predictionSource"));
    }

    @Test
    void profileReasonInBothLanguages() {
        given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 3).queryParam("explorationShare", 0)
                .get("/api/v1/recommendations/profiles/{profileKey}/channel", firstProfile)
                .then().statusCode(200)
                .body("decision", equalTo("exploit"))
                .body("reason", containsString("highest sampled response rate"))
                .body("reason", containsString("converted on"))
                .body("reasonZh", containsString("抽样响应率最高"))
                .body("reasonZh", containsString("次触达中转化"));
    }

    @Test
    void fullExplorationExplores() {
        given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 11).queryParam("explorationShare", 1)
                .get("/api/v1/recommendations/profiles/{profileKey}/channel", firstProfile)
                .then().statusCode(200)
                .body("decision", equalTo("explore"))
                .body("reason", containsString("chosen to explore"))
                .body("reasonZh", containsString("用于探索"));
    }

    @Test
    void segmentRecommendationUsesMembers() {
        given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 5)
                .get("/api/v1/recommendations/segments/{segment}/channel", SEGMENT)
                .then().statusCode(200)
                .body("segment", equalTo(SEGMENT))
                .body("profileKey", nullValue())
                .body("referenceBasis", equalTo("all-profiles"))
                .body("considered", not(nullValue()))
                .body("reason", containsString("The segment's members"));
    }

    @Test
    void badBanditInputIsProblem() {
        String path = "/api/v1/recommendations/profiles/{profileKey}/channel";
        given().queryParam("explorationShare", "2").get(path, firstProfile)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("explorationShare"))
                .body("errors[0].value", equalTo("2"));
        given().queryParam("seed", "abc").get(path, firstProfile)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("seed"));
        given().get(path, "model-test:nobody")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:profile-not-found"));
        given().get("/api/v1/recommendations/segments/{segment}/channel", unique("empty"))
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"));
        given().queryParam("candidates", "fax-model-test").get(path, firstProfile)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("candidates"))
                .body("errors[0].value", notNullValue());
    }
}
