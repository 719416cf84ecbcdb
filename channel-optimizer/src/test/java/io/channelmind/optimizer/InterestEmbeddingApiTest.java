package io.channelmind.optimizer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.identify;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.support.ProfileServiceStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Trains the response model with the interest vectors of a stubbed profile-service. The stub
 * profiles convert on sms when their outdoor share is above one half and on email otherwise, and
 * their only trait, age, is unrelated to it, so only the embedding can tell the channels apart.
 */
@QuarkusTest
@TestProfile(ProfileServiceStub.Profile.class)
class InterestEmbeddingApiTest {

    private static final String EMAIL = "email-interest-test";
    private static final String SMS = "sms-interest-test";
    private static boolean sent;

    @BeforeEach
    synchronized void sendHistory() {
        ProfileServiceStub.resetPages();
        if (sent) {
            return;
        }
        String importId = unique("import");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < ProfileServiceStub.PROFILES; i++) {
            String profile = ProfileServiceStub.profileKey(i);
            String channel = i % 2 == 0 ? EMAIL : SMS;
            boolean outdoor = ProfileServiceStub.outdoor(i) > 0.5;
            // Every seventh profile goes against its interest, so neither model is perfect.
            boolean converts = (channel.equals(SMS) == outdoor) != (i % 7 == 0);
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("age", 30 + (i * 13) % 40);
            // An identify trait may not pose as the embedding.
            traits.put("interest.outdoor", 0.9);
            events.add(identify(profile, traits, importId));
            events.add(contact(profile, channel, importId));
            if (converts) {
                events.add(conversion(profile, channel, 10.0, importId));
            }
        }
        TestEvents.sendCustomerEvents(events);
        TestEvents.awaitImportProgress(importId, events.size());
        sent = true;
    }

    @Test
    void embeddingBeatsFeaturesOnly() {
        JsonPath stored = given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/response-models")
                .then().statusCode(201)
                .extract().jsonPath();

        List<String> features = stored.getList("evaluation.features", String.class);
        List<String> featuresOnly = stored.getList("embeddings.withoutEmbeddings.features", String.class);
        assertTrue(stored.getBoolean("embeddings.used"), stored.getString("embeddings.reason"));
        assertEquals(ProfileServiceStub.MODEL_VERSION, stored.getString("embeddings.modelVersion"));
        assertEquals(ProfileServiceStub.LABELS, stored.getList("embeddings.labels", String.class));
        assertEquals(ProfileServiceStub.PROFILES, stored.getInt("embeddings.profilesWithVector"));
        assertEquals(ProfileServiceStub.PROFILES, stored.getInt("embeddings.rowsWithVector"));
        assertTrue(features.contains("interest.outdoor"), features.toString());
        assertFalse(featuresOnly.stream().anyMatch(name -> name.startsWith("interest.")), featuresOnly.toString());
        assertEquals(stored.getInt("evaluation.holdoutRows"), stored.getInt("embeddings.withoutEmbeddings.holdoutRows"));
        double auc = stored.getDouble("evaluation.model.auc");
        double aucWithout = stored.getDouble("embeddings.withoutEmbeddings.model.auc");
        assertTrue(auc > aucWithout + 0.2, "AUC " + auc + " with the embedding, " + aucWithout + " without");
        double f1 = stored.getDouble("evaluation.model.f1");
        double f1Without = stored.getDouble("embeddings.withoutEmbeddings.model.f1");
        assertTrue(f1 > f1Without, "F1 " + f1 + " with the embedding, " + f1Without + " without");
        assertEquals(10, stored.getList("evaluation.model.calibration").size());
        assertEquals(10, stored.getList("embeddings.withoutEmbeddings.model.calibration").size());
    }

    @Test
    void recommendationUsesStoredVectors() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/response-models").then().statusCode(201);
        // Profile 2 has an outdoor share of 0.745, profile 0 of 0.005.
        String outdoor = ProfileServiceStub.profileKey(2);
        String indoor = ProfileServiceStub.profileKey(0);

        assertTrue(predicted(outdoor, SMS) > predicted(outdoor, EMAIL), "outdoor profile prefers sms");
        assertTrue(predicted(indoor, EMAIL) > predicted(indoor, SMS), "indoor profile prefers email");
    }

    @Test
    void failedPageStoresNothing() {
        int versions = given().get("/api/v1/response-models").then().statusCode(200).extract().jsonPath()
                .getList("version").size();
        ProfileServiceStub.server().stubFor(get(urlPathEqualTo(ProfileServiceStub.EXPORT))
                .withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500)));

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/response-models")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:profile-service-unavailable"))
                .body("detail", containsString("HTTP status 500"))
                .body("detail", containsString("No model version was trained"));

        assertEquals(versions, given().get("/api/v1/response-models").then().statusCode(200).extract().jsonPath()
                .getList("version").size());
    }

    @Test
    void slowPageIsProblem() {
        ProfileServiceStub.server().stubFor(ProfileServiceStub.page(null).atPriority(1)
                .willReturn(aResponse().withFixedDelay(3_000).withHeader("Content-Type", "application/json")
                        .withBody("{}")));

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/response-models")
                .then().statusCode(503)
                .body("type", equalTo("urn:channelmind:problem:profile-service-unavailable"));
    }

    @Test
    void changedModelVersionIsProblem() {
        ProfileServiceStub.server().stubFor(get(urlPathEqualTo(ProfileServiceStub.EXPORT))
                .withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"modelVersion\": \"other\", \"labels\": [\"outdoor\", \"kitchen\"],"
                                + " \"profiles\": [], \"next\": null}")));

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/response-models")
                .then().statusCode(503)
                .body("detail", containsString("changed from '" + ProfileServiceStub.MODEL_VERSION + "' to 'other'"));
    }

    private static double predicted(String profileKey, String channel) {
        JsonPath result = given().queryParam("candidates", EMAIL + "," + SMS).queryParam("seed", 1)
                .get("/api/v1/recommendations/profiles/{profileKey}/channel", profileKey)
                .then().statusCode(200).extract().jsonPath();
        return result.getDouble("considered.find { it.channel == '" + channel + "' }.predictedResponse");
    }
}
