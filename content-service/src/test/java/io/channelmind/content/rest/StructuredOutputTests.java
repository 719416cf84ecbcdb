package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.copy;
import static io.channelmind.content.support.ChatCompletions.message;
import static io.channelmind.content.support.ChatCompletions.read;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.channelmind.content.support.ModelStubs.create;
import static io.channelmind.content.support.ModelStubs.requestsFor;
import static io.channelmind.content.support.ModelStubs.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.channelmind.content.support.ModelTestProfile;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The structured output of the model against WireMock: the JSON schema in the request, the
 * repair of an answer that is malformed or breaks the schema, and a 429 with a short
 * {@code Retry-After} that is waited out.
 */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class StructuredOutputTests {

    @Test
    void requestCarriesJsonSchema() {
        String product = "Orion Deposit";
        stub(product, completion(copy(null, "Orion Deposit: 3% a year. Reply STOP to opt out")));

        create(request("sms", "en", brief(product, "3% a year", null, null)));

        JsonNode format = read(requestsFor(product).get(0).getBodyAsString()).path("response_format");
        assertEquals("json_schema", format.path("type").asText(), format.toString());
        JsonNode schema = format.path("json_schema").path("schema");
        assertEquals("marketing_copy", format.path("json_schema").path("name").asText(), format.toString());
        assertEquals("object", schema.path("type").asText(), schema.toString());
        assertEquals("string", schema.path("properties").path("body").path("type").asText(), schema.toString());
        assertEquals(2, schema.path("properties").path("subject").path("anyOf").size(), schema.toString());
        assertEquals("[\"subject\",\"body\"]", schema.path("required").toString());
        assertTrue(format.path("json_schema").path("strict").asBoolean(), format.toString());
        assertFalse(schema.path("additionalProperties").asBoolean(true), schema.toString());
    }

    @Test
    void schemaViolationIsRepaired() {
        String product = "Pavo Card";
        String fitting = "Pavo Card: no annual fee. Reply STOP to opt out";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(notContaining("previous-answer"))
                .willReturn(okJson(completion("{\"subject\": null, \"body\": 42, \"tone\": \"warm\"}"))));
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(containing("previous-answer"))
                .willReturn(okJson(completion(copy(null, fitting)))));

        JsonPath copy = create(request("sms", "en", brief(product, "no annual fee", null, null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(fitting, copy.getString("body"));
        String revision = message(requestsFor(product).get(1).getBodyAsString(), "user");
        assertTrue(revision.contains("- $.body is a number; write a string."), revision);
        assertTrue(revision.contains("- $ has the member \"tone\", which the schema does not allow; remove it."), revision);
    }

    @Test
    void malformedJsonIsRepaired() {
        String product = "Quila Loan";
        String fitting = "Quila Loan: 4.2% APR. Reply STOP to opt out";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(notContaining("previous-answer"))
                .willReturn(okJson(completion("{\"subject\": null, \"body\": \"Quila Loan: 4.2% APR. Reply STOP}"))));
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(containing("previous-answer"))
                .willReturn(okJson(completion(copy(null, fitting)))));

        JsonPath copy = create(request("sms", "en", brief(product, "4.2% APR", null, null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(fitting, copy.getString("body"));
        assertEquals(2, requestsFor(product).size());
        String revision = message(requestsFor(product).get(1).getBodyAsString(), "user");
        assertTrue(revision.contains("not one JSON object"), revision);
    }

    @Test
    void shortRetryAfterIsWaitedOut() {
        String product = "Reticulum Fund";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .inScenario(product).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\"}}"))
                .willSetStateTo("waited"));
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .inScenario(product).whenScenarioStateIs("waited")
                .willReturn(okJson(completion(copy(null, "Reticulum Fund: 2.8% a year. Reply STOP to opt out")))));

        JsonPath copy = create(request("sms", "en", brief(product, "2.8% a year", null, null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(List.of(), copy.getList("warnings"));
        List<LoggedRequest> requests = requestsFor(product);
        assertEquals(2, requests.size());
        long waitedMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(waitedMillis >= 1000, "waited " + waitedMillis + " ms");
    }

    private static WireMockServer server() {
        return OpenAiMock.server();
    }
}
