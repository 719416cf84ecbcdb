package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.copy;
import static io.channelmind.content.support.ChatCompletions.message;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.channelmind.content.support.CopyRequests;
import io.channelmind.content.support.ModelTestProfile;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The LLM copywriter against WireMock on 127.0.0.1, speaking the OpenAI chat-completions
 * protocol. Each test uses its own product name, and its stubs match only requests that
 * contain that name.
 */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class ModelCopyTests {

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\d[\\d -]{9,}\\d");

    @Test
    void modelCopyIsReturned() {
        String product = "Aurora Savings";
        stub(product, completion(copy("Aurora Savings: 3.5% a year",
                "Hi {{firstName}},\n\nAurora Savings pays 3.5% a year. Open an account: https://bank.example/aurora\n\n"
                        + "Unsubscribe: {{unsubscribeUrl}}")));

        JsonPath copy = create(request("email", "en", brief(product, "3.5% a year", "Open an account",
                "https://bank.example/aurora")));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(ModelTestProfile.MODEL, copy.getString("model"));
        assertEquals("Aurora Savings: 3.5% a year", copy.getString("subject"));
        assertEquals(List.of("firstName", "unsubscribeUrl"), copy.getList("placeholders"));
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @Test
    void promptCarriesBriefAndNoPersonalData() {
        String product = "Borealis Card";
        stub(product, completion(copy(null, "Borealis Card: no annual fee in 2025. Apply: https://bank.example/b Reply STOP to opt out")));
        Map<String, Object> body = request("sms", "en", brief(product, "No annual fee in 2025", "Apply",
                "https://bank.example/b"));
        body.put("audience", Map.of("size", 4120, "features", Map.of("conversionRate", 0.12, "topChannel", "cellular")));

        create(body);

        List<LoggedRequest> requests = requestsFor(product);
        assertEquals(1, requests.size());
        String requestBody = requests.get(0).getBodyAsString();
        String system = message(requestBody, "system");
        String user = message(requestBody, "user");
        assertTrue(system.contains("Write in English."), system);
        assertTrue(system.contains("otherwise at most 160 characters"), system);
        assertTrue(system.contains("\"Reply STOP to opt out\""), system);
        assertTrue(user.contains("Product: Borealis Card"), user);
        assertTrue(user.contains("Offer: No annual fee in 2025"), user);
        assertTrue(user.contains("Call to action: Apply"), user);
        assertTrue(user.contains("Link: https://bank.example/b"), user);
        assertTrue(user.contains("conversionRate: 0.12"), user);
        assertTrue(user.contains("size: 4120"), user);
        assertFalse(requestBody.contains("spring-savings"), "the campaign name stays out of the prompt");
        assertFalse(EMAIL_ADDRESS.matcher(requestBody).find(), requestBody);
        assertFalse(PHONE_NUMBER.matcher(requestBody).find(), requestBody);
        assertEquals(ModelTestProfile.MODEL, io.channelmind.content.support.ChatCompletions.read(requestBody).path("model").asText());
    }

    @Test
    void chinesePromptAsksForSimplifiedChinese() {
        String product = "Cirrus Fund";
        stub(product, completion(copy(null, "Cirrus Fund 年化3.5%，立即了解 回T退订")));

        JsonPath copy = create(request("cellular", "zh-CN", brief(product, "年化3.5%", null, null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals("Cirrus Fund 年化3.5%，立即了解 回T退订", copy.getString("body"));
        String system = message(requestsFor(product).get(0).getBodyAsString(), "system");
        assertTrue(system.contains("Write in Simplified Chinese (zh-CN)."), system);
        assertTrue(system.contains("at most 70 characters"), system);
    }

    @Test
    void personalDataNeverReachesModel() {
        String product = "Draco Loan";
        Map<String, Object> body = request("email", "en", brief(product, null, null, null));
        body.put("audience", Map.of("features", Map.of("contact", "li.wei@example.com")));

        CopyRequests.post(body).statusCode(400);

        assertEquals(0, requestsFor(product).size());
    }

    @Test
    void serverErrorFallsBackToTemplate() {
        String product = "Eridanus Bond";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"overloaded\"}}")));

        JsonPath copy = create(request("sms", "en", brief(product, "2% cashback", null, null)));

        assertEquals("template", copy.getString("generator"));
        assertNull(copy.get("model"));
        assertTrue(copy.getString("warnings[0]").startsWith("llm-fallback:"), copy.getString("warnings[0]"));
        assertTrue(copy.getString("warnings[0]").contains("model-error"), copy.getString("warnings[0]"));
        assertTrue(fallbackCount("model-error") >= 1);
    }

    @Test
    void timeoutFallsBackToTemplate() {
        String product = "Fornax Insurance";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(okJson(completion(copy(null, "late"))).withFixedDelay(5_000)));

        JsonPath copy = create(request("social", "en", brief(product, null, null, null)));

        assertEquals("template", copy.getString("generator"));
        assertTrue(copy.getString("warnings[0]").contains("timed out"), copy.getString("warnings[0]"));
        assertTrue(copy.getString("warnings[0]").contains("model-timeout"), copy.getString("warnings[0]"));
    }

    @Test
    void overLimitAnswerIsRevisedOnce() {
        String product = "Gemini Deposit";
        String tooLong = "Gemini Deposit: 3.5% a year. " + "Grow your savings with us. ".repeat(6) + "Reply STOP to opt out";
        String fitting = "Gemini Deposit: 3.5% a year. Reply STOP to opt out";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(notContaining("<previous-answer>"))
                .willReturn(okJson(completion(copy(null, tooLong)))));
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(containing("<previous-answer>"))
                .willReturn(okJson(completion(copy(null, fitting)))));

        JsonPath copy = create(request("sms", "en", brief(product, "3.5% a year", null, null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(fitting, copy.getString("body"));
        List<LoggedRequest> requests = requestsFor(product);
        assertEquals(2, requests.size());
        String revision = message(requests.get(1).getBodyAsString(), "user");
        assertTrue(revision.contains("- The body is " + tooLong.length() + " characters long and takes 2 segments; an SMS in "
                + "the GSM 7-bit alphabet holds at most 160 in one segment."), revision);
        assertTrue(revision.contains(tooLong), revision);
    }

    @Test
    void inventedNumberIsRevised() {
        String product = "Hydra Card";
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(notContaining("<previous-answer>"))
                .willReturn(okJson(completion(copy(null, "Hydra Card: 50% off for 3 days. Reply STOP to opt out")))));
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(containing("<previous-answer>"))
                .willReturn(okJson(completion(copy(null, "Hydra Card: 5% off. Reply STOP to opt out")))));

        JsonPath copy = create(request("sms", "en", brief(product, "5% off", null, null)));

        assertEquals("llm", copy.getString("generator"));
        String revision = message(requestsFor(product).get(1).getBodyAsString(), "user");
        assertTrue(revision.contains("the discount 50% off, which is not in the brief"), revision);
        assertTrue(revision.contains("the number 3, which is not in the brief"), revision);
    }

    @Test
    void ruleBrokenTwiceFallsBack() {
        String product = "Indus Account";
        String tooLong = "Indus Account. " + "Open it today and enjoy it. ".repeat(8) + "Reply STOP to opt out";
        stub(product, completion(copy(null, tooLong)));

        JsonPath copy = create(request("sms", "en", brief(product, null, null, null)));

        assertEquals("template", copy.getString("generator"));
        assertTrue(copy.getString("warnings[0]").contains("rule-violation"), copy.getString("warnings[0]"));
        assertEquals(2, requestsFor(product).size());
    }

    @Test
    void invalidJsonTwiceFallsBack() {
        String product = "Lyra Pension";
        stub(product, completion("Sure! Here is a great SMS about Lyra Pension."));

        JsonPath copy = create(request("sms", "zh-CN", brief(product, null, null, null)));

        assertEquals("template", copy.getString("generator"));
        assertTrue(copy.getString("warnings[0]").contains("invalid-output"), copy.getString("warnings[0]"));
        assertEquals(2, requestsFor(product).size());
        assertTrue(message(requestsFor(product).get(1).getBodyAsString(), "user").contains("not one JSON object"));
    }

    @Test
    void absoluteClaimFallsBackWithoutRevision() {
        String product = "Mensa Wealth";
        stub(product, completion(copy(null, "Mensa Wealth 最佳理财之选 回T退订")));

        JsonPath copy = create(request("sms", "zh-CN", brief(product, null, null, null)));

        assertEquals("template", copy.getString("generator"));
        assertTrue(copy.getString("warnings[0]").startsWith("llm-fallback:"), copy.getString("warnings[0]"));
        assertTrue(copy.getString("warnings[0]").contains("最佳"), copy.getString("warnings[0]"));
        assertTrue(copy.getString("warnings[0]").contains("absolute-claim"), copy.getString("warnings[0]"));
        assertEquals(1, requestsFor(product).size());
    }

    @Test
    void storedModelCopyKeepsModelName() {
        String product = "Norma Savings";
        stub(product, completion(copy(null, "Norma Savings is here. Reply STOP to opt out")));
        String copyId = create(request("sms", "en", brief(product, null, null, null))).getString("copyId");

        JsonPath stored = given().when().get("/api/v1/copy/" + copyId).then().statusCode(200).extract().jsonPath();

        assertEquals("llm", stored.getString("generator"));
        assertEquals(ModelTestProfile.MODEL, stored.getString("model"));
        assertEquals(0, stored.getInt("sends"));
    }

    private static JsonPath create(Map<String, Object> body) {
        return CopyRequests.post(body).statusCode(201).extract().jsonPath();
    }

    private static void stub(String product, String response) {
        server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(okJson(response)));
    }

    private static List<LoggedRequest> requestsFor(String product) {
        return server().findAll(postRequestedFor(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)));
    }

    private static double fallbackCount(String reason) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("channelmind_content_llm_fallbacks_total{") && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static WireMockServer server() {
        return OpenAiMock.server();
    }
}
