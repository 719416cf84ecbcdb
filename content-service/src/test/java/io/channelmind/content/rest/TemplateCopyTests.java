package io.channelmind.content.rest;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.post;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.channelmind.content.domain.ResponsiveSearchAd;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The template copywriter through the REST API, with no model configured. */
@QuarkusTest
class TemplateCopyTests {

    private static final Map<String, Object> EN_BRIEF = brief("Wealth Plus savings", "3.5% a year on deposits",
            "Open an account", "https://bank.example/wealth-plus");
    private static final Map<String, Object> ZH_BRIEF = brief("稳盈储蓄", "存款年化3.5%", "立即开户",
            "https://bank.example/wealth-plus");

    @Test
    void emailHasSubjectAndPlaceholders() {
        JsonPath copy = post(request("email", "en", EN_BRIEF)).statusCode(201).extract().jsonPath();

        assertEquals("template", copy.getString("generator"));
        assertNull(copy.get("model"));
        assertEquals("Wealth Plus savings: 3.5% a year on deposits", copy.getString("subject"));
        assertTrue(copy.getString("body").startsWith("Hi {{firstName}},"));
        assertTrue(copy.getString("body").contains("{{unsubscribeUrl}}"));
        assertEquals(List.of("firstName", "unsubscribeUrl"), copy.getList("placeholders"));
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @Test
    void chineseEmailIsInChinese() {
        JsonPath copy = post(request("email", "zh-CN", ZH_BRIEF)).statusCode(201).extract().jsonPath();

        assertEquals("zh-CN", copy.getString("locale"));
        assertEquals("稳盈储蓄：存款年化3.5%", copy.getString("subject"));
        assertTrue(copy.getString("body").startsWith("{{firstName}}，您好："));
        assertTrue(copy.getString("body").contains("退订请点击：{{unsubscribeUrl}}"));
        assertEquals(List.of("firstName", "unsubscribeUrl"), copy.getList("placeholders"));
    }

    @ParameterizedTest
    @CsvSource({"sms,en", "cellular,en", "telephone,en", "sms,zh-CN", "cellular,zh-CN", "telephone,zh-CN"})
    void smsFitsOneMessage(String channel, String locale) {
        Map<String, Object> brief = locale.equals("en") ? EN_BRIEF : ZH_BRIEF;

        JsonPath copy = post(request(channel, locale, brief)).statusCode(201).extract().jsonPath();

        String body = copy.getString("body");
        boolean ascii = body.chars().allMatch(c -> c < 128);
        assertTrue(body.length() <= (ascii ? 160 : 70), () -> body.length() + " characters: " + body);
        assertNull(copy.get("subject"));
        assertEquals(List.of(), copy.getList("placeholders"));
        assertEquals(channel, copy.getString("channel"));
    }

    @Test
    void englishSmsKeepsGsmAlphabet() {
        String body = post(request("sms", "en", EN_BRIEF)).statusCode(201).extract().path("body");

        assertTrue(body.chars().allMatch(c -> c < 128), body);
        assertTrue(body.endsWith("Reply STOP to opt out"), body);
    }

    @Test
    void chineseSmsEndsWithOptOut() {
        String body = post(request("sms", "zh-CN", ZH_BRIEF)).statusCode(201).extract().path("body");

        assertTrue(body.endsWith("回T退订"), body);
        assertTrue(body.length() <= 70, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void socialPostFits280(String locale) {
        Map<String, Object> longBrief = brief("P".repeat(200), "O".repeat(500), "Go", "https://bank.example/wealth-plus");

        JsonPath copy = post(request("social", locale, longBrief)).statusCode(201).extract().jsonPath();

        String body = copy.getString("body");
        assertTrue(body.codePointCount(0, body.length()) <= 280, body);
        assertTrue(copy.getString("warnings[0]").startsWith("text-shortened:"));
    }

    @Test
    void unknownChannelGetsSocialFormatAndWarning() {
        JsonPath copy = post(request("mastodon", "zh-CN", ZH_BRIEF)).statusCode(201).extract().jsonPath();

        assertEquals("mastodon", copy.getString("channel"));
        assertNull(copy.get("subject"));
        assertTrue(copy.getString("warnings[0]").startsWith("unknown-channel:"));
    }

    @ParameterizedTest
    @CsvSource({"wechat, 200", "weibo, 140"})
    void socialPresetLimitsLength(String channel, int maxLength) {
        Map<String, Object> longBrief = brief("稳盈储蓄".repeat(20), "存款年化3.5%".repeat(10), null, "https://bank.example/w");

        JsonPath copy = post(request(channel, "zh-CN", longBrief)).statusCode(201).extract().jsonPath();

        String body = copy.getString("body");
        assertTrue(body.codePointCount(0, body.length()) <= maxLength, body);
        assertEquals(List.of(), copy.getList("warnings").stream().filter(w -> w.toString().startsWith("unknown-channel")).toList());
    }

    @Test
    void twoSegmentSmsKeepsLongerText() {
        Map<String, Object> longBrief = brief("稳盈储蓄", "存款年化3.5%，" + "起存1000元，".repeat(6), null, null);
        Map<String, Object> body = request("sms", "zh-CN", longBrief);
        body.put("maxSmsSegments", 2);

        JsonPath copy = post(body).statusCode(201).extract().jsonPath();

        String text = copy.getString("body");
        assertTrue(text.length() > 70, text);
        assertTrue(text.length() <= 134, text);
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @ParameterizedTest
    @CsvSource({"search, en", "search, zh-CN", "search-ads, en"})
    void searchAdMeetsLimits(String channel, String locale) {
        JsonPath copy = post(request(channel, locale, locale.equals("en") ? EN_BRIEF : ZH_BRIEF)).statusCode(201).extract().jsonPath();

        assertEquals("template", copy.getString("generator"));
        assertNull(copy.getString("subject"));
        List<String> headlines = copy.getList("searchAd.headlines");
        List<String> descriptions = copy.getList("searchAd.descriptions");
        assertTrue(headlines.size() >= 3, headlines.toString());
        assertTrue(headlines.size() <= 15, headlines.toString());
        assertTrue(descriptions.size() >= 2, descriptions.toString());
        assertTrue(descriptions.size() <= 4, descriptions.toString());
        assertEquals(List.of(), new ResponsiveSearchAd(headlines, descriptions, copy.getList("searchAd.paths")).violations());
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @Test
    void searchAdCarriesDisclaimer() {
        Map<String, Object> body = request("search", "zh-CN", ZH_BRIEF);
        body.put("brand", "acme-bank");

        JsonPath copy = post(body).statusCode(201).extract().jsonPath();

        assertTrue(copy.getList("searchAd.descriptions").contains("理财有风险，投资需谨慎"), copy.getString("body"));
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @Test
    void wideDisclaimerRejectsSearchAd() {
        Map<String, Object> body = request("search", "zh-CN", ZH_BRIEF);
        body.put("brand", "fine-print");

        post(body).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:disclaimer-does-not-fit"))
                .body("detail", containsString("search-ad description of at most 90"))
                .body("errors.find { it.field == 'brand' }.value", equalTo("fine-print"))
                .body("errors.find { it.field == 'brand' }.message", containsString("channelmind.content.brands.fine-print.disclaimer"));
    }

    @Test
    void brandDisclaimerIsAdded() {
        Map<String, Object> body = request("wechat", "zh-CN", ZH_BRIEF);
        body.put("brand", "acme-bank");

        JsonPath copy = post(body).statusCode(201).extract().jsonPath();

        assertTrue(copy.getString("body").contains("理财有风险，投资需谨慎"), copy.getString("body"));
        assertEquals(List.of(), copy.getList("warnings"));
    }

    @Test
    void longDisclaimerNamesSegmentsNeeded() {
        Map<String, Object> body = request("sms", "zh-CN", ZH_BRIEF);
        body.put("brand", "fine-print");

        post(body).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:disclaimer-does-not-fit"))
                .body("detail", containsString("142 characters"))
                .body("errors.field", hasItem("maxSmsSegments"))
                .body("errors.find { it.field == 'maxSmsSegments' }.value", equalTo(1))
                .body("errors.find { it.field == 'maxSmsSegments' }.message", containsString("Set maxSmsSegments to 3 or more"))
                .body("errors.find { it.field == 'brand' }.value", equalTo("fine-print"));
    }

    @Test
    void longDisclaimerFitsEnoughSegments() {
        Map<String, Object> body = request("sms", "zh-CN", ZH_BRIEF);
        body.put("brand", "fine-print");
        body.put("maxSmsSegments", 3);

        JsonPath copy = post(body).statusCode(201).extract().jsonPath();

        assertTrue(copy.getString("body").contains("详情请咨询当地网点或客户经理。"), copy.getString("body"));
        assertTrue(copy.getString("body").endsWith("回T退订"), copy.getString("body"));
    }

    @Test
    void longDisclaimerDoesNotFitWeibo() {
        Map<String, Object> body = request("weibo", "zh-CN", ZH_BRIEF);
        body.put("brand", "fine-print");

        post(body).statusCode(422)
                .body("detail", containsString("weibo post of 140 characters"))
                .body("errors[0].field", equalTo("brand"))
                .body("errors[0].message", containsString("Shorten channelmind.content.brands.fine-print.disclaimer"));
    }

    @Test
    void industryTermInBriefIsFlagged() {
        Map<String, Object> body = request("sms", "zh-CN", brief("稳盈储蓄", "保本理财，年化3.5%", null, null));
        body.put("industry", "finance");

        JsonPath copy = post(body).statusCode(201).extract().jsonPath();

        String warning = copy.getString("warnings[0]");
        assertTrue(warning.startsWith("industry-restricted-term:"), warning);
        assertTrue(warning.contains("保本"), warning);
    }

    @Test
    void localeDefaultsToEnglish() {
        Map<String, Object> body = request("sms", null, EN_BRIEF);

        post(body).statusCode(201).body("locale", equalTo("en"));
    }

    @Test
    void absoluteClaimInBriefIsFlagged() {
        Map<String, Object> brief = brief("稳盈储蓄", "全网最佳利率", null, null);

        JsonPath copy = post(request("sms", "zh-CN", brief)).statusCode(201).extract().jsonPath();

        String warning = copy.getString("warnings[0]");
        assertTrue(warning.startsWith("absolute-claim:"), warning);
        assertTrue(warning.contains("最佳"), warning);
    }

    @Test
    void createdCopyIsStored() {
        String copyId = post(request("email", "en", EN_BRIEF)).statusCode(201).extract().path("copyId");

        given().when().get("/api/v1/copy/" + copyId).then()
                .statusCode(200)
                .body("copyId", equalTo(copyId))
                .body("generator", equalTo("template"))
                .body("model", nullValue())
                .body("subject", equalTo("Wealth Plus savings: 3.5% a year on deposits"))
                .body("placeholders", hasItem("unsubscribeUrl"))
                .body("warnings", empty())
                .body("campaign", equalTo("spring-savings"))
                .body("sends", equalTo(0))
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }

    @Test
    void locationNamesCreatedCopy() {
        var response = post(request("sms", "en", EN_BRIEF)).statusCode(201).extract();

        assertTrue(response.header("Location").endsWith("/api/v1/copy/" + response.path("copyId")));
    }

    @Test
    void unknownCopyIsProblem404() {
        given().when().get("/api/v1/copy/6f1c2a8e-2b7e-4f7e-9a57-0c1d2e3f4a5b").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:copy-not-found"))
                .body("errors[0].field", equalTo("copyId"));
    }

    @Test
    void malformedCopyIdIsProblem404() {
        given().when().get("/api/v1/copy/not-a-copy").then()
                .statusCode(404)
                .body("detail", containsString("not-a-copy"));
    }

    @Test
    void modelIsNeverCalledWithoutConfiguration() {
        post(request("email", "en", EN_BRIEF)).statusCode(201).body("warnings", hasSize(0));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertFalse(metrics.contains("channelmind_content_llm_fallbacks"), "a fallback means the model was called");
        assertTrue(metrics.contains("channelmind_content_copies_total{format=\"email\",generator=\"template\""));
    }

    @Test
    void openApiDescribesCopyPaths() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/copy"))
                .body("info.title", startsWith("ChannelMind"));
    }
}
