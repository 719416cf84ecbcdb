package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.copy;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.channelmind.content.support.CircuitTestProfile;
import io.channelmind.content.support.CopyRequests;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The fault tolerance around the model: token metrics on success, 429 with Retry-After, and a
 * circuit breaker that opens after repeated failures and sends the copy to the template
 * copywriter without calling the model. The tests share one circuit, so they run in order.
 */
@QuarkusTest
@TestProfile(CircuitTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelFaultToleranceTests {

    @Test
    @Order(1)
    void successRecordsTokensAndCost() {
        String product = "Lyra Savings";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(okJson(completion(copy(null, "Lyra Savings: 2% a year. Reply STOP to opt out")))));

        JsonPath copy = create(request("sms", "en", brief(product, "2% a year", null, null)));

        assertEquals("llm", copy.getString("generator"));
        String metrics = metrics();
        assertTrue(metrics.contains("channelmind_content_llm_tokens_total{model=\"test-model\",type=\"input\"} 200.0"), metrics);
        assertTrue(metrics.contains("channelmind_content_llm_tokens_total{model=\"test-model\",type=\"output\"} 50.0"), metrics);
        // 200 input tokens at 0.15 and 50 output tokens at 0.60 per million.
        assertTrue(metrics.contains("channelmind_content_llm_cost_sum{model=\"test-model\"} 6.0E-5"), metrics);
    }

    @Test
    @Order(2)
    void rateLimitedProviderFallsBack() {
        String product = "Mensa Loan";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}")));

        JsonPath copy = create(request("sms", "en", brief(product, "1.9% APR", null, null)));

        assertEquals("template", copy.getString("generator"));
        String warning = copy.getString("warnings[0]");
        assertTrue(warning.contains("reason provider-rate-limited"), warning);
        assertTrue(warning.contains("asked to wait 20 s, more than the maximum of 10 s"), warning);
        assertEquals(1, requests(product), "a wait beyond the maximum is not waited out");
    }

    @Test
    @Order(3)
    void circuitOpensAndFallsBack() {
        String product = "Norma Card";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"overloaded\"}}")));

        String lastWarning = "";
        for (int attempt = 0; attempt < 4 && !lastWarning.contains("circuit-open"); attempt++) {
            lastWarning = create(request("sms", "en", brief(product, "no annual fee", null, null))).getString("warnings[0]");
        }
        int callsWhenOpen = requests(product);
        JsonPath copy = create(request("sms", "en", brief(product, "no annual fee", null, null)));

        assertTrue(lastWarning.contains("circuit-open"), lastWarning);
        assertEquals("template", copy.getString("generator"));
        assertTrue(copy.getString("warnings[0]").contains("circuit-open"), copy.getString("warnings[0]"));
        assertEquals(callsWhenOpen, requests(product), "no model call while the circuit is open");
    }

    private static JsonPath create(java.util.Map<String, Object> body) {
        return CopyRequests.post(body).statusCode(201).extract().jsonPath();
    }

    private static int requests(String product) {
        return server().findAll(postRequestedFor(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))).size();
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static WireMockServer server() {
        return OpenAiMock.server();
    }
}
