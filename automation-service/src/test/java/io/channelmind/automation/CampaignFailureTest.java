package io.channelmind.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CampaignFailureTest {

    @Test
    void contentFailureFailsCampaign() {
        DependencyStubs.segment("no-copy", List.of(
                member("t:no-copy-1", "mia@no-copy.example", null, "Mia", Map.of("email", true))));
        DependencyStubs.copyFailure("no-copy", Map.of(
                "type", "urn:channelmind:problem:internal-error",
                "title", "Internal server error",
                "status", 500,
                "detail", "The copywriter failed to produce copy"));

        JsonPath campaign = CampaignApi.run("no-copy", "email");

        String error = campaign.getString("error");
        assertEquals("failed", campaign.getString("status"));
        assertTrue(error.contains("content-service returned HTTP 500 for POST /api/v1/copy"), error);
        assertTrue(error.contains("The copywriter failed to produce copy"), error);
        assertNull(campaign.get("copy"));
        assertEquals(0, campaign.getInt("counts.processed"));
        assertNotNull(campaign.getString("finishedAt"));
        assertEquals(0, Mailbox.forDomain("no-copy.example").size());
    }

    @Test
    void unknownSegmentRejectedAtCreation() {
        stubMissingSegment("missing");

        given().contentType(ContentType.JSON).body(CampaignApi.request("missing", "email"))
                .when().post("/api/v1/campaigns")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"))
                .body("errors[0].field", equalTo("segment"))
                .body("errors[0].value", equalTo("missing"));
        given().contentType(ContentType.JSON).body(CampaignApi.request("missing", "email"))
                .when().post("/api/v1/campaigns/validate")
                .then().statusCode(422)
                .body("type", equalTo("urn:channelmind:problem:segment-not-found"));
    }

    @Test
    void validateReturnsSegmentSize() {
        DependencyStubs.segment("validated", List.of(member("t:validated-1", "ana@validated.example", null, "Ana",
                Map.of("email", true))));

        given().contentType(ContentType.JSON).body(CampaignApi.request("validated", "email"))
                .when().post("/api/v1/campaigns/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("segmentMembers", equalTo(1));
    }

    @Test
    void segmentDeletedAfterCreationFailsLaunch() {
        DependencyStubs.segment("deleted", List.of());
        String id = CampaignApi.create("deleted", "email");
        stubMissingSegment("deleted");

        CampaignApi.launch(id);
        JsonPath campaign = CampaignApi.awaitFinished(id);

        String error = campaign.getString("error");
        assertEquals("failed", campaign.getString("status"));
        assertTrue(error.contains("profile-service returned HTTP 404 for GET /api/v1/segments/deleted"), error);
        assertTrue(error.contains("Segment not found: No segment is named 'deleted'"), error);
    }

    @Test
    void selfReferencingPageFailsLaunch() {
        DependencyStubs.segment("looping", List.of(
                member("t:looping-1", "ana@looping.example", null, "Ana", Map.of("email", true)),
                member("t:looping-2", "bruno@looping.example", null, "Bruno", Map.of("email", true)),
                member("t:looping-3", "carla@looping.example", null, "Carla", Map.of("email", true)),
                member("t:looping-4", "dora@looping.example", null, "Dora", Map.of("email", true))));
        // The second page names its own cursor as the next page, which would repeat it forever.
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/segments/looping/members"))
                .withQueryParam("after", WireMock.equalTo("t:looping-3"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"segment\":\"looping\",\"members\":[],\"next\":\"t:looping-3\"}")));
        DependencyStubs.copy("looping", "email", "copy-looping");

        JsonPath campaign = CampaignApi.run("looping", "email");

        String error = campaign.getString("error");
        assertEquals("failed", campaign.getString("status"));
        assertTrue(error.contains("the page after 't:looping-3' points at itself as the next page"), error);
    }

    private static void stubMissingSegment(String name) {
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/segments/" + name))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"urn:channelmind:problem:segment-not-found\",\"title\":\"Segment not found\","
                                + "\"status\":404,\"detail\":\"No segment is named '" + name + "'\"}")));
    }

    @Test
    void launchWhileRunningConflicts() {
        DependencyStubs.segment("slow", List.of(
                member("t:slow-1", "nuno@slow.example", null, "Nuno", Map.of("email", true))));
        // The delay keeps the run busy, so the second launch arrives while the first one runs.
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/segments/slow"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(3000)
                        .withBody("{\"name\":\"slow\",\"rule\":\"conversions = 0\",\"size\":1}")));
        DependencyStubs.copy("slow", "email", "copy-slow");
        String id = CampaignApi.create("slow", "email");
        CampaignApi.launch(id);

        given().when().post("/api/v1/campaigns/" + id + "/launch")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-campaign-transition"))
                .body("campaignStatus", equalTo("running"));

        assertEquals("completed", CampaignApi.awaitFinished(id).getString("status"));
    }
}
