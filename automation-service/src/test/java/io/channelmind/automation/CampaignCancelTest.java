package io.channelmind.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CampaignCancelTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    @Test
    void cancelSkipsRemainingMembers() throws Exception {
        List<Map<String, Object>> members = List.of(
                member("t:cancel-1", "m1@cancel.example", null, "Ana", EMAIL_CONSENT),
                member("t:cancel-2", "m2@cancel.example", null, "Bruno", EMAIL_CONSENT),
                member("t:cancel-3", "m3@cancel.example", null, "Carla", EMAIL_CONSENT),
                member("t:cancel-4", "m4@cancel.example", null, "Dora", EMAIL_CONSENT),
                member("t:cancel-5", "m5@cancel.example", null, "Eva", EMAIL_CONSENT));
        DependencyStubs.segment("cancel", members);
        DependencyStubs.copy("cancel", "email", "copy-cancel");
        delaySecondPage("cancel", members.subList(3, 5));
        String id = CampaignApi.create("cancel", "email");

        CampaignApi.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.forDomain("cancel.example").size() == 3);
        given().when().post("/api/v1/campaigns/" + id + "/cancel")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("cancelled"));
        JsonPath campaign = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> CampaignApi.get(id), found -> found.getInt("counts.processed") == 5
                        && found.getString("finishedAt") != null);

        assertEquals("cancelled", campaign.getString("status"));
        assertEquals(3, campaign.getInt("counts.sent"));
        assertEquals(Map.of("cancelled", 2), campaign.getMap("counts.skipped"));
        assertEquals(3, Mailbox.forDomain("cancel.example").size());
        given().when().post("/api/v1/campaigns/" + id + "/launch")
                .then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("urn:channelmind:problem:invalid-campaign-transition"))
                .body("campaignStatus", org.hamcrest.Matchers.equalTo("cancelled"));
        given().when().post("/api/v1/campaigns/" + id + "/cancel")
                .then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("urn:channelmind:problem:invalid-campaign-transition"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("status"))
                .body("errors[0].value", org.hamcrest.Matchers.equalTo("cancelled"));
    }

    @Test
    void cancelDraftEndsIt() {
        DependencyStubs.segment("cancel-draft", List.of());
        String id = CampaignApi.create("cancel-draft", "email");

        JsonPath campaign = given().when().post("/api/v1/campaigns/" + id + "/cancel")
                .then().statusCode(200)
                .extract().jsonPath();

        assertEquals("cancelled", campaign.getString("status"));
        assertNotNull(campaign.getString("finishedAt"));
    }

    /** Stubs the second page of three-member pages with a response delayed by three seconds. */
    private static void delaySecondPage(String segment, List<Map<String, Object>> page) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("segment", segment);
        body.put("members", page);
        body.put("next", null);
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/segments/" + segment + "/members"))
                .withQueryParam("after", equalTo("t:" + segment + "-3"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(3000)
                        .withBody(new ObjectMapper().writeValueAsString(body))));
    }
}
