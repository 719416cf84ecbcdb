package io.channelmind.automation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class CampaignApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createReturnsDraftCampaign() {
        DependencyStubs.segment("draft-only", List.of());
        Map<String, Object> request = CampaignApi.request("draft-only", null);
        request.remove("locale");

        ExtractableResponse<Response> response = given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(201)
                .body("status", equalTo("draft"))
                .body("locale", equalTo("en"))
                .body("segment", equalTo("draft-only"))
                .body("channel", nullValue())
                .body("recommendation", nullValue())
                .body("copy", nullValue())
                .body("counts.processed", equalTo(0))
                .body("counts.skipped", equalTo(Map.of()))
                .body("startedAt", nullValue())
                .extract();

        String id = response.path("id");
        assertTrue(response.header("Location").endsWith("/api/v1/campaigns/" + id), response.header("Location"));
    }

    @Test
    void listIncludesCreatedCampaign() {
        DependencyStubs.segment("listed", List.of());
        String id = CampaignApi.create("listed", "email");

        given().when().get("/api/v1/campaigns")
                .then().statusCode(200)
                .body("id", hasItem(id));
    }

    @Test
    void missingNameRejected() {
        Map<String, Object> request = CampaignApi.request("valid-segment", "email");
        request.remove("name");

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:invalid-request"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void unsupportedLocaleRejected() {
        Map<String, Object> request = CampaignApi.request("valid-segment", "email");
        request.put("locale", "fr");

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("locale"))
                .body("errors[0].value", equalTo("fr"))
                .body("errors[0].message", equalTo("must be \"en\" or \"zh-CN\" (omit it for \"en\")"));
    }

    @Test
    void invalidChannelAndSegmentRejected() {
        Map<String, Object> request = CampaignApi.request("Not A Segment", "E-Mail");

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("segment"))
                .body("errors.field", hasItem("channel"));
    }

    @Test
    void missingBriefRejected() {
        Map<String, Object> request = CampaignApi.request("valid-segment", "email");
        request.remove("brief");

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("brief"));
    }

    @Test
    void invalidBriefFieldsRejected() {
        Map<String, Object> request = CampaignApi.request("valid-segment", "email");
        Map<String, Object> brief = CampaignApi.brief();
        brief.put("product", " ");
        brief.put("url", "ftp://bank.example/offer");
        request.put("brief", brief);

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("brief.product"))
                .body("errors.field", hasItem("brief.url"));
    }

    @Test
    void wrongJsonTypeRejected() {
        Map<String, Object> request = CampaignApi.request("valid-segment", "email");
        request.put("brief", 5);

        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:malformed-json"))
                .body("errors[0].field", equalTo("brief"));
    }

    @Test
    void truncatedJsonRejected() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void missingBodyRejected() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/campaigns")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:missing-body"));
    }

    @Test
    void unknownCampaignNotFound() {
        String id = UUID.randomUUID().toString();

        given().when().get("/api/v1/campaigns/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:campaign-not-found"))
                .body("errors[0].value", equalTo(id));
    }

    @Test
    void malformedCampaignIdNotFound() {
        given().when().get("/api/v1/campaigns/not-a-uuid")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:campaign-not-found"));
    }

    @Test
    void launchUnknownCampaignNotFound() {
        given().when().post("/api/v1/campaigns/" + UUID.randomUUID() + "/launch")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:campaign-not-found"));
    }
}
