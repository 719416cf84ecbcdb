package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.channelmind.content.support.ModelTestProfile;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Fine-tuning jobs against WireMock as the OpenAI files and jobs endpoint, and the tuned model chosen per brand and channel. */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class FineTuningJobTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jobUploadsDataAndIsTracked() {
        String product = "Tuning Savings";
        stub(product, completion(copy(null, "Tuning Savings: 3.1% a year. Reply STOP to opt out")));
        String copyId = create(request("sms", "en", brief(product, "3.1% a year", null, null))).getString("copyId");
        given().when().post("/api/v1/copy/" + copyId + "/approval").then().statusCode(200);
        String jobId = "ftjob-track1";
        OpenAiMock.server().stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(
                "{\"id\": \"file-track1\", \"object\": \"file\", \"purpose\": \"fine-tune\"}")));
        OpenAiMock.server().stubFor(post(urlEqualTo("/v1/fine_tuning/jobs")).willReturn(okJson(
                "{\"id\": \"" + jobId + "\", \"object\": \"fine_tuning.job\", \"model\": \"test-model\", "
                        + "\"status\": \"validating_files\", \"fine_tuned_model\": null}")));

        JsonPath job = given().contentType(ContentType.JSON).body(Map.of("suffix", "acme"))
                .when().post("/api/v1/copy/fine-tuning-jobs")
                .then().statusCode(201).header("Location", endsWith("/api/v1/copy/fine-tuning-jobs/" + jobId))
                .extract().jsonPath();

        assertEquals(jobId, job.getString("id"));
        assertEquals("validating_files", job.getString("status"));
        assertEquals("file-track1", job.getString("trainingFileId"));
        assertNull(job.getString("fineTunedModel"));
        assertTrue(job.getInt("examples") >= 1, job.prettify());
        List<LoggedRequest> uploads = OpenAiMock.server().findAll(postRequestedFor(urlEqualTo("/v1/files")));
        String upload = uploads.get(uploads.size() - 1).getBodyAsString();
        assertTrue(uploads.get(uploads.size() - 1).getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        assertTrue(upload.contains("name=\"purpose\"\r\n\r\nfine-tune\r\n"), upload);
        assertTrue(upload.contains("Tuning Savings: 3.1% a year. Reply STOP to opt out"), upload);
        OpenAiMock.server().verify(postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(equalToJson("{\"training_file\": \"file-track1\", \"model\": \"test-model\", \"suffix\": \"acme\"}")));

        String tuned = "ft:test-model:acme::track1";
        OpenAiMock.server().stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).willReturn(okJson(
                "{\"id\": \"" + jobId + "\", \"object\": \"fine_tuning.job\", \"model\": \"test-model\", "
                        + "\"status\": \"succeeded\", \"fine_tuned_model\": \"" + tuned + "\"}")));

        JsonPath refreshed = given().when().get("/api/v1/copy/fine-tuning-jobs/" + jobId).then().statusCode(200).extract().jsonPath();

        assertEquals("succeeded", refreshed.getString("status"));
        assertEquals(tuned, refreshed.getString("fineTunedModel"));
        OpenAiMock.server().verify(getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)));
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().get("/api/v1/copy/fine-tuning-jobs/ftjob-unknown").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", is("jobId"))
                .body("errors[0].value", is("ftjob-unknown"));
    }

    @Test
    void invalidSuffixIsRejected() {
        given().contentType(ContentType.JSON).body(Map.of("suffix", "no spaces allowed"))
                .when().post("/api/v1/copy/fine-tuning-jobs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("suffix"))
                .body("errors[0].value", is("no spaces allowed"))
                .body("errors[0].message", containsString("letters, digits"));
    }

    @Test
    void brandUsesTunedModel() throws JsonProcessingException {
        String product = "Tuned Brand Card";
        stub(product, completion(copy(null, "Tuned Brand Card: no annual fee. Reply STOP to opt out")));
        Map<String, Object> body = request("sms", "en", brief(product, "No annual fee", null, null));
        body.put("brand", ModelTestProfile.TUNED_BRAND);

        JsonPath copy = create(body);

        assertEquals(ModelTestProfile.TUNED_BRAND_MODEL, copy.getString("model"));
        String sent = JSON.readTree(requestsFor(product).get(0).getBodyAsString()).path("model").asText();
        assertEquals(ModelTestProfile.TUNED_BRAND_MODEL, sent);
    }

    @Test
    void channelUsesTunedModel() throws JsonProcessingException {
        String product = "Tuned Weibo Tea";
        stub(product, completion(copy(null, "Tuned Weibo Tea，新茶上市。")));

        JsonPath copy = create(request("weibo", "zh-CN", brief(product, "新茶上市", null, null)));

        assertEquals(ModelTestProfile.WEIBO_MODEL, copy.getString("model"));
        String sent = JSON.readTree(requestsFor(product).get(0).getBodyAsString()).path("model").asText();
        assertEquals(ModelTestProfile.WEIBO_MODEL, sent);
    }

    @Test
    void otherRequestsUseConfiguredModel() throws JsonProcessingException {
        String product = "Untuned Deposit";
        stub(product, completion(copy(null, "Untuned Deposit: 2.5% a year. Reply STOP to opt out")));

        create(request("sms", "en", brief(product, "2.5% a year", null, null)));

        String sent = JSON.readTree(requestsFor(product).get(0).getBodyAsString()).path("model").asText();
        assertEquals(ModelTestProfile.MODEL, sent);
    }
}
