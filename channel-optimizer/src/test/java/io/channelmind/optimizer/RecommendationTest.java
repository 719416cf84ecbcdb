package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.membership;
import static io.channelmind.optimizer.TestEvents.spend;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/**
 * Recommendations on a known example. Forty profiles were contacted on both {@code email} and
 * {@code sms}; 20 of them converted on email and 4 on sms. Five other profiles were contacted
 * on {@code social} and all converted. The segment has four members: three of the forty and
 * one profile without events. {@code billboard} only has spend.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationTest {

    private final String email = unique("email");
    private final String sms = unique("sms");
    private final String social = unique("social");
    private final String billboard = unique("billboard");
    private final String segment = unique("segment");
    private boolean published;

    // Runs before the first test rather than in @BeforeAll, because Quarkus points REST Assured
    // at the test port only before each test.
    @BeforeEach
    void publishExampleOnce() {
        if (published) {
            return;
        }
        String importId = unique("import");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String profile = "test:" + segment + "-p" + i;
            events.add(contact(profile, email, importId));
            events.add(contact(profile, sms, importId));
            if (i < 20) {
                events.add(conversion(profile, email, 10.0, importId));
            }
            if (i < 4) {
                events.add(conversion(profile, sms, 10.0, importId));
            }
        }
        for (int i = 0; i < 5; i++) {
            String profile = "test:" + segment + "-r" + i;
            events.add(contact(profile, social, importId));
            events.add(conversion(profile, social, 10.0, importId));
        }
        TestEvents.sendCustomerEvents(events);
        TestEvents.sendSpend(List.of(spend(billboard, "2024-05-01", 500.0, importId)));
        TestEvents.sendMemberships(List.of(
                membership(segment, "test:" + segment + "-p0", true),
                membership(segment, "test:" + segment + "-p1", true),
                membership(segment, "test:" + segment + "-p2", true),
                membership(segment, "test:" + segment + "-no-events", true)));

        TestEvents.awaitImportProgress(importId, events.size() + 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/segments/{name}", segment)
                .then().statusCode(200)
                .body("members", equalTo(4)));
        published = true;
    }

    @Test
    void recommendationPicksBestReachableChannel() {
        // Pooled rate p = 24 / 80 = 0.3, so the prior is Beta(0.6, 1.4).
        double emailMean = (20 + 0.6) / (40 + 2.0);
        double smsMean = (4 + 0.6) / (40 + 2.0);

        precise().queryParam("segment", segment).queryParam("candidates", email + "," + sms)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .body("segment", equalTo(segment))
                .body("channel", equalTo(email))
                .body("segmentMembers", equalTo(4))
                .body("basis", equalTo("segment-members"))
                .body("prior.alpha", closeTo(0.6, 1e-9))
                .body("prior.beta", closeTo(1.4, 1e-9))
                .body("considered.channel", equalTo(List.of(email, sms)))
                .body("considered[0].contacts", equalTo(40))
                .body("considered[0].conversions", equalTo(20))
                .body("considered[0].posteriorMean", closeTo(emailMean, 1e-9))
                .body("considered[0].reachableMembers", equalTo(3))
                .body("considered[1].posteriorMean", closeTo(smsMean, 1e-9))
                .body("considered[1].reachableMembers", equalTo(3));
    }

    @Test
    void reasonNamesTheNumbers() {
        String reason = given().queryParam("segment", segment).queryParam("candidates", email + "," + sms)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .extract().path("reason");

        assertEquals(email + " converts 50.0% of contacts (20 of 40) against 10.0% for "
                + sms + "; 3 of 4 segment members were contacted on " + email + ".", reason);
    }

    @Test
    void unreachedChannelCannotWin() {
        // Pooled rate p = 29 / 85 over the three candidates.
        double p = 29.0 / 85;
        double socialMean = (5 + 2 * p) / (5 + 2.0);
        double emailMean = (20 + 2 * p) / (40 + 2.0);

        precise().queryParam("segment", segment).queryParam("candidates", email, sms, social)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .body("channel", equalTo(email))
                .body("considered[0].channel", equalTo(social))
                .body("considered[0].posteriorMean", closeTo(socialMean, 1e-9))
                .body("considered[0].reachableMembers", equalTo(0))
                .body("considered[1].posteriorMean", closeTo(emailMean, 1e-9))
                .body("reason", equalTo(email + " converts 50.0% of contacts (20 of 40) against 10.0% for " + sms
                        + "; 3 of 4 segment members were contacted on " + email + ", while " + social
                        + " scores higher but reached no segment member."));
    }

    @Test
    void unknownSegmentIsNotFound() {
        String unknownSegment = unique("no-members");

        given().queryParam("segment", unknownSegment).queryParam("candidates", email + "," + sms)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"))
                .body("errors[0].field", equalTo("segment"))
                .body("errors[0].value", equalTo(unknownSegment));
    }

    @Test
    void emptySegmentFallsBackWhenAsked() {
        String unknownSegment = unique("no-members");

        given().queryParam("segment", unknownSegment).queryParam("candidates", email + "," + sms)
                .queryParam("fallback", true)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .body("channel", equalTo(email))
                .body("segmentMembers", equalTo(0))
                .body("basis", equalTo("all-profiles"))
                .body("considered[0].reachableMembers", equalTo(40))
                .body("reason", equalTo(email + " converts 50.0% of contacts (20 of 40) against 10.0% for " + sms
                        + ". Segment '" + unknownSegment + "' has no known members, so the choice uses all"
                        + " profiles: 40 profiles were contacted on " + email + "."));
    }

    @Test
    void defaultCandidatesAreEveryKnownChannel() {
        given().queryParam("segment", segment)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .body("channel", equalTo(email))
                .body("considered.channel", hasItems(email, sms, social, billboard));
    }

    @Test
    void missingSegmentIsRejected() {
        given().get("/api/v1/recommendations/channel")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:missing-parameter"))
                .body("errors[0].field", equalTo("segment"));
    }

    @Test
    void unknownCandidateIsRejected() {
        String fax = unique("fax");

        given().queryParam("segment", segment).queryParam("candidates", email + "," + fax)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:unknown-channel"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("candidates"))
                .body("errors[0].value", equalTo(fax));
    }

    @Test
    void emptyCandidateListIsRejected() {
        given().queryParam("segment", segment).queryParam("candidates", " , ")
                .get("/api/v1/recommendations/channel")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-parameter"))
                .body("errors[0].field", equalTo("candidates"));
    }

    @Test
    void candidatesWithoutContactsConflict() {
        given().queryParam("segment", segment).queryParam("candidates", billboard)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:no-channel-data"))
                .body("status", equalTo(409));
    }

    /** Reads JSON decimals as doubles, because REST Assured reads them as floats by default. */
    private static RequestSpecification precise() {
        return given().config(RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE)));
    }
}
