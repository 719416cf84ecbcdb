package io.channelmind.automation;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Schedule, send window, pause, resume and cancel through the campaign API. */
@QuarkusTest
class CampaignLifecycleTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    @Test
    void scheduledCampaignStartsAtItsTime() {
        DependencyStubs.segment("scheduled", List.of(member("t:scheduled-1", "ana@scheduled.example", null, "Ana",
                EMAIL_CONSENT)));
        DependencyStubs.copy("scheduled", "email", "copy-scheduled");
        String id = CampaignApi.create("scheduled", "email");
        Instant startAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);

        given().contentType(ContentType.JSON).body(Map.of("startAt", startAt.toString()))
                .when().post("/api/v1/campaigns/" + id + "/schedule")
                .then().statusCode(200)
                .body("status", equalTo("scheduled"))
                .body("scheduledAt", equalTo(startAt.toString()));
        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(1, campaign.getInt("counts.sent"));
        assertEquals(1, Mailbox.forDomain("scheduled.example").size());
    }

    @Test
    void scheduleInPastRejected() {
        DependencyStubs.segment("past", List.of());
        String id = CampaignApi.create("past", "email");

        given().contentType(ContentType.JSON).body(Map.of("startAt", "2020-01-01T09:00:00Z"))
                .when().post("/api/v1/campaigns/" + id + "/schedule")
                .then().statusCode(422)
                .body("type", equalTo("urn:channelmind:problem:start-in-past"))
                .body("errors[0].field", equalTo("startAt"));
    }

    @Test
    void invalidTransitionsNameStatus() {
        DependencyStubs.segment("draft-only", List.of());
        String id = CampaignApi.create("draft-only", "email");

        given().when().post("/api/v1/campaigns/" + id + "/pause")
                .then().statusCode(422)
                .body("type", equalTo("urn:channelmind:problem:invalid-campaign-transition"))
                .body("campaignStatus", equalTo("draft"))
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].value", equalTo("draft"));
        given().when().post("/api/v1/campaigns/" + id + "/resume")
                .then().statusCode(422)
                .body("campaignStatus", equalTo("draft"));
    }

    @Test
    void invalidSendWindowRejected() {
        Map<String, Object> request = new LinkedHashMap<>(CampaignApi.request("window-bad", "email"));
        request.put("sendWindow", Map.of("start", "09:00", "end", "09:00"));
        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-send-window"))
                .body("errors[0].field", equalTo("sendWindow.end"));

        request.put("sendWindow", Map.of("start", "09:00", "end", "20:00", "zone", "Mars/Olympus"));
        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("sendWindow.zone"))
                .body("errors[0].value", equalTo("Mars/Olympus"));
    }

    /**
     * A window that opens two hours from now keeps the sends pending, due at the window's
     * start, through pause and resume, and cancel skips them.
     */
    @Test
    void closedWindowKeepsSendsPending() {
        DependencyStubs.segment("window", List.of(
                member("t:window-1", "ana@window.example", null, "Ana", EMAIL_CONSENT),
                member("t:window-2", "rui@window.example", null, "Rui", EMAIL_CONSENT)));
        DependencyStubs.copy("window", "email", "copy-window");
        LocalTime opens = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(2);
        Map<String, Object> request = new LinkedHashMap<>(CampaignApi.request("window", "email"));
        request.put("sendWindow", Map.of("start", opens.toString(), "end", opens.plusHours(1).toString(), "zone", "UTC"));
        String id = given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(201)
                .body("sendWindow.zone", equalTo("UTC"))
                .extract().path("id");

        CampaignApi.launch(id);
        JsonPath statistics = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> statistics(id), found -> found.getInt("pending") == 2);
        assertEquals(2, statistics.getInt("waiting"));
        assertEquals(opens, LocalTime.ofInstant(Instant.parse(statistics.getString("nextDue")), ZoneOffset.UTC));

        given().when().post("/api/v1/campaigns/" + id + "/pause")
                .then().statusCode(200).body("status", equalTo("paused"));
        given().when().post("/api/v1/campaigns/" + id + "/pause")
                .then().statusCode(422).body("campaignStatus", equalTo("paused"));
        given().when().post("/api/v1/campaigns/" + id + "/launch")
                .then().statusCode(422).body("campaignStatus", equalTo("paused"));
        given().when().post("/api/v1/campaigns/" + id + "/resume")
                .then().statusCode(200).body("status", equalTo("running"));
        JsonPath cancelled = given().when().post("/api/v1/campaigns/" + id + "/cancel")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals(Map.of("cancelled", 2), cancelled.getMap("counts.skipped"));
        assertEquals(0, cancelled.getInt("counts.pending"));
        assertEquals(0, Mailbox.forDomain("window.example").size());
        given().when().get("/api/v1/campaigns/" + id + "/recipients/t:window-1")
                .then().statusCode(200)
                .body("[0].status", equalTo("skipped"))
                .body("[0].skipReason", equalTo("cancelled"));
    }

    private static JsonPath statistics(String id) {
        return given().when().get("/api/v1/campaigns/" + id + "/statistics")
                .then().statusCode(200).extract().jsonPath();
    }
}
