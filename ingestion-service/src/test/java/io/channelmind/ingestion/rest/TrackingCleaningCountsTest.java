package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;

/** Tracking cleaning counts: the cleaning endpoint, the Micrometer counters and id normalisation. */
@QuarkusTest
class TrackingCleaningCountsTest {

    @Test
    void floatUserIdIsNormalised() {
        CreatedSource source = Tracking.createSource("ids");

        source.post("/v1/track", """
                {"messageId": "float-id-1", "userId": 17850.0, "event": "Signed Up"}
                """).statusCode(200);

        JsonNode event = source.event("float-id-1");
        assertEquals("17850", event.path("userId").asText());
        assertEquals(source.name() + ":17850", event.path("profileKey").asText());
    }

    @Test
    void fractionalUserIdIsRejected() {
        CreatedSource source = Tracking.createSource("ids");

        source.post("/v1/track", """
                {"messageId": "float-id-2", "userId": 17850.5, "event": "Signed Up"}
                """).statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-call"))
                .body("errors[0].field", equalTo("userId"))
                .body("errors[0].message", containsString("whole number"));
    }

    @Test
    void unmappedMediumIsListedWithCount() {
        CreatedSource source = Tracking.createSource("unmapped");
        String medium = "billboard-" + UUID.randomUUID().toString().substring(0, 8);
        String call = """
                {"messageId": "%s", "userId": "u-1", "event": "Viewed", "context": {"campaign": {"medium": "%s"}}}
                """;

        source.post("/v1/track", call.formatted("unmapped-1", medium)).statusCode(200);
        source.post("/v1/track", call.formatted("unmapped-2", medium)).statusCode(200);

        assertEquals("other", source.event("unmapped-1").path("channel").asText());
        given().when().get("/api/v1/cleaning/tracking").then()
                .statusCode(200)
                .body("since", notNullValue())
                .body("unmapped.utm_medium.'" + medium + "'", equalTo(2))
                .body("counts.'unmapped.utm_medium'", greaterThanOrEqualTo(2));
    }

    @Test
    void countsAppearAsMetrics() {
        CreatedSource source = Tracking.createSource("metrics");
        source.post("/v1/track", """
                {"messageId": "metric-1", "userId": 42.0, "event": "Viewed", "timestamp": "2024-05-01T08:30:00"}
                """).statusCode(200);
        source.post("/v1/track", "{\"userId\": \"u-1\"}").statusCode(400);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertMetricAtLeastOne(metrics, "channelmind_ingestion_tracking_cleaning_total", "rule=\"normalisedId\"");
        assertMetricAtLeastOne(metrics, "channelmind_ingestion_tracking_cleaning_total", "rule=\"timestampWithoutOffset\"");
        assertMetricAtLeastOne(metrics, "channelmind_ingestion_tracking_requests_total", "outcome=\"accepted\"");
        assertMetricAtLeastOne(metrics, "channelmind_ingestion_tracking_requests_total", "outcome=\"invalid-call\"");
    }

    /** Finds the series of {@code name} with the label {@code label} in Prometheus text and checks its value. */
    private static void assertMetricAtLeastOne(String metrics, String name, String label) {
        String line = metrics.lines()
                .filter(candidate -> candidate.startsWith(name + "{") && candidate.contains(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No series " + name + " with " + label + " in /q/metrics"));
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertTrue(value >= 1, line);
    }
}
