package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.copy;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.channelmind.content.support.ModelStubs.create;
import static io.channelmind.content.support.ModelStubs.requestsFor;
import static io.channelmind.content.support.ModelStubs.stub;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.support.ModelTestProfile;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The model chosen over REST per brand and channel, and its use in generation. */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class ModelChoiceTests {

    private static final String PATH = "/api/v1/copy/model-choices";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Clears every stored choice, so that the other test classes of this profile get the configured models. */
    @AfterEach
    void clearChoices() {
        List<Map<String, Object>> choices = given().when().get(PATH).then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> choice : choices) {
            RequestSpecification delete = given();
            if (choice.get("brand") != null) {
                delete = delete.queryParam("brand", choice.get("brand"));
            }
            if (choice.get("channel") != null) {
                delete = delete.queryParam("channel", choice.get("channel"));
            }
            delete.when().delete(PATH).then().statusCode(204);
        }
    }

    @Test
    void channelChoiceWritesCopy() throws JsonProcessingException {
        String model = "ft:test-model:acme:cell:c1";
        String product = "Chosen Cellular Plan";
        stub(product, completion(copy(null, "Chosen Cellular Plan: 10 GB a month. Reply STOP to opt out")));

        JsonPath stored = put(Map.of("channel", "Cellular", "model", " " + model + " ")).statusCode(200).extract().jsonPath();
        JsonPath copy = create(request("cellular", "en", brief(product, "10 GB a month", null, null)));

        assertEquals("cellular", stored.getString("channel"));
        assertEquals(model, stored.getString("model"));
        assertEquals(null, stored.getString("brand"));
        assertEquals(model, copy.getString("model"));
        assertEquals(model, sentModel(product, 0));
    }

    @Test
    void clearedChoiceFallsBack() throws JsonProcessingException {
        String product = "Cleared Cellular Plan";
        stub(product, completion(copy(null, "Cleared Cellular Plan: 5 GB a month. Reply STOP to opt out")));
        put(Map.of("channel", "cellular", "model", "ft:test-model:acme:cell:old")).statusCode(200);

        given().queryParam("channel", "cellular").when().delete(PATH).then().statusCode(204);
        JsonPath copy = create(request("cellular", "en", brief(product, "5 GB a month", null, null)));

        assertEquals(ModelTestProfile.MODEL, copy.getString("model"));
        assertEquals(ModelTestProfile.MODEL, sentModel(product, 0));
    }

    @Test
    void brandChoicesOutrankConfiguration() throws JsonProcessingException {
        String brandModel = "ft:test-model:acme::rest-brand";
        String weiboModel = "ft:test-model:acme:weibo:rest-brand";
        String product = "Chosen Brand Tea";
        stub(product, completion(copy(null, "Chosen Brand Tea: new harvest. Reply STOP to opt out")));
        put(Map.of("brand", ModelTestProfile.TUNED_BRAND, "model", brandModel)).statusCode(200);
        put(Map.of("brand", ModelTestProfile.TUNED_BRAND, "channel", "weibo", "model", weiboModel)).statusCode(200);
        put(Map.of("channel", "sms", "model", "ft:test-model:acme:sms:unused")).statusCode(200);

        Map<String, Object> sms = request("sms", "en", brief(product, "New harvest", null, null));
        sms.put("brand", ModelTestProfile.TUNED_BRAND);
        JsonPath smsCopy = create(sms);
        Map<String, Object> weibo = request("weibo", "en", brief(product, "New harvest", null, null));
        weibo.put("brand", ModelTestProfile.TUNED_BRAND);
        JsonPath weiboCopy = create(weibo);

        assertEquals(brandModel, smsCopy.getString("model"));
        assertEquals(weiboModel, weiboCopy.getString("model"));
        given().when().get(PATH).then().statusCode(200)
                .body("model", hasItem(brandModel))
                .body("model", hasItem(weiboModel))
                .body("size()", is(3));
    }

    @Test
    void fineTuningJobGivesModel() {
        String jobId = "ftjob-choice1";
        String tuned = "ft:test-model:acme::choice1";
        OpenAiMock.server().stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).willReturn(okJson(job(jobId, "succeeded", tuned))));
        submitJob(jobId);

        JsonPath stored = put(Map.of("channel", "email", "fineTuningJobId", jobId)).statusCode(200).extract().jsonPath();

        assertEquals(tuned, stored.getString("model"));
        assertEquals(jobId, stored.getString("fineTuningJobId"));
    }

    @Test
    void runningJobIsRejected() {
        String jobId = "ftjob-choice2";
        OpenAiMock.server().stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).willReturn(okJson(job(jobId, "running", null))));
        submitJob(jobId);

        put(Map.of("channel", "email", "fineTuningJobId", jobId))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("fineTuningJobId"))
                .body("errors[0].value", is(jobId))
                .body("detail", containsString("running"));
    }

    @Test
    void unknownJobIsRejected() {
        put(Map.of("channel", "email", "fineTuningJobId", "ftjob-missing"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("fineTuningJobId"))
                .body("errors[0].value", is("ftjob-missing"));
    }

    @Test
    void unknownChannelIsRejected() {
        put(Map.of("channel", "fax", "model", "ft:test-model:acme::fax"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("channel"))
                .body("errors[0].value", is("fax"))
                .body("errors[0].message", containsString("sms"));
    }

    @Test
    void emptyModelIsRejected() {
        put(Map.of("channel", "sms", "model", "  "))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("model"))
                .body("errors[0].value", is("  "));
    }

    @Test
    void missingModelIsRejected() {
        put(Map.of("channel", "sms"))
                .statusCode(400)
                .body("errors[0].field", is("model"));
    }

    @Test
    void missingScopeIsRejected() {
        put(Map.of("model", "ft:test-model:acme::all"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("brand"))
                .body("errors.field", hasItem("channel"));
    }

    @Test
    void unknownBrandIsRejected() {
        put(Map.of("brand", "nobody", "model", "ft:test-model:acme::nobody"))
                .statusCode(400)
                .body("errors[0].field", is("brand"))
                .body("errors[0].value", is("nobody"))
                .body("errors[0].message", containsString(ModelTestProfile.TUNED_BRAND));
    }

    @Test
    void modelAndJobTogetherAreRejected() {
        put(Map.of("channel", "sms", "model", "ft:test-model:acme::both", "fineTuningJobId", "ftjob-both"))
                .statusCode(400)
                .body("errors[0].field", is("fineTuningJobId"));
    }

    @Test
    void clearingMissingChoiceIsNotFound() {
        given().queryParam("channel", "wechat").when().delete(PATH).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", is("channel"))
                .body("errors[0].value", is("wechat"));
    }

    @Test
    void openApiDescribesModelChoices() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths", hasKey(PATH))
                .body("paths.'" + PATH + "'", hasKey("get"))
                .body("paths.'" + PATH + "'", hasKey("put"))
                .body("paths.'" + PATH + "'", hasKey("delete"));
    }

    private static ValidatableResponse put(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(new HashMap<>(body)).when().put(PATH).then();
    }

    private static String sentModel(String product, int index) throws JsonProcessingException {
        return JSON.readTree(requestsFor(product).get(index).getBodyAsString()).path("model").asText();
    }

    /** Approves one copy and submits a fine-tuning job whose WireMock response carries the given id. */
    private static void submitJob(String jobId) {
        String product = "Choice Job " + jobId;
        stub(product, completion(copy(null, product + ": 3% a year. Reply STOP to opt out")));
        String copyId = create(request("sms", "en", brief(product, "3% a year", null, null))).getString("copyId");
        given().when().post("/api/v1/copy/" + copyId + "/approval").then().statusCode(200);
        OpenAiMock.server().stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(
                "{\"id\": \"file-" + jobId + "\", \"object\": \"file\", \"purpose\": \"fine-tune\"}")));
        OpenAiMock.server().stubFor(post(urlEqualTo("/v1/fine_tuning/jobs")).willReturn(okJson(job(jobId, "validating_files", null))));
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/v1/copy/fine-tuning-jobs").then().statusCode(201);
    }

    private static String job(String jobId, String status, String tunedModel) {
        return "{\"id\": \"" + jobId + "\", \"object\": \"fine_tuning.job\", \"model\": \"test-model\", \"status\": \"" + status
                + "\", \"fine_tuned_model\": " + (tunedModel == null ? "null" : "\"" + tunedModel + "\"") + "}";
    }
}
