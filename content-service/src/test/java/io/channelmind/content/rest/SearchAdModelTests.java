package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.message;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.channelmind.content.support.ModelStubs.create;
import static io.channelmind.content.support.ModelStubs.requestsFor;
import static io.channelmind.content.support.ModelStubs.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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
import io.restassured.path.json.JsonPath;

/** Search ads written by the model on WireMock: the schema, the revision requests, the best valid part and the fallback. */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class SearchAdModelTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DESCRIPTIONS = List.of("稳盈储蓄存款年化3.5%，线上开户。", "立即开户，了解详情。");

    @Test
    void overLengthAndDuplicateHeadlinesAreRepaired() throws JsonProcessingException {
        String product = "稳盈储蓄";
        // 17 Chinese characters and "3.5%": 38 wide, over the headline maximum of 30.
        String tooWide = "稳盈储蓄存款年化收益率高达3.5%欢迎开户";
        List<String> fixed = List.of("稳盈储蓄", "存款年化3.5%", "立即开户");
        OpenAiMock.server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(notContaining("previous-answer"))
                .willReturn(okJson(completion(ad(List.of(tooWide, "稳盈储蓄", "稳盈储蓄"), DESCRIPTIONS)))));
        OpenAiMock.server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)).withRequestBody(containing("previous-answer"))
                .willReturn(okJson(completion(ad(fixed, DESCRIPTIONS)))));

        JsonPath copy = create(request("search", "zh-CN", brief(product, "存款年化3.5%", "立即开户", null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(fixed, copy.getList("searchAd.headlines"));
        assertEquals(DESCRIPTIONS, copy.getList("searchAd.descriptions"));
        assertEquals(List.of(), copy.getList("warnings"));
        List<LoggedRequest> requests = requestsFor(product);
        assertEquals(2, requests.size());
        String revision = message(requests.get(1).getBodyAsString(), "user");
        assertTrue(revision.contains("- Headline 1 \"" + tooWide + "\" is 38 wide; the maximum is 30"), revision);
        assertTrue(revision.contains("- The headline \"稳盈储蓄\" appears twice; make every headline different."), revision);
        String responseFormat = JSON.readTree(requests.get(0).getBodyAsString()).path("response_format").toString();
        assertTrue(responseFormat.contains("responsive_search_ad"), responseFormat);
        assertTrue(responseFormat.contains("headlines"), responseFormat);
    }

    @Test
    void bestValidPartIsKeptAfterTwoRevisions() {
        String product = "Andromeda Saver";
        String tooLong = "Andromeda Saver pays 3.5% a year on every deposit";
        stub(product, completion(ad(List.of("Andromeda Saver", tooLong, "3.5% a year", "Open an account"),
                List.of("Andromeda Saver pays 3.5% a year.", "Open an account online."))));

        JsonPath copy = create(request("search", "en", brief(product, "3.5% a year", "Open an account", null)));

        assertEquals("llm", copy.getString("generator"));
        assertEquals(List.of("Andromeda Saver", "3.5% a year", "Open an account"), copy.getList("searchAd.headlines"));
        assertEquals(3, requestsFor(product).size());
        assertTrue(copy.getString("warnings[0]").startsWith("llm-best-candidate: "), copy.getString("warnings[0]"));
    }

    @Test
    void tooFewHeadlinesFallBackToTemplate() {
        String product = "Borealis Deposit";
        stub(product, completion(ad(List.of("Borealis Deposit", "2.8% a year"), List.of("Borealis Deposit pays 2.8% a year.",
                "Open an account online."))));

        JsonPath copy = create(request("search", "en", brief(product, "2.8% a year", null, null)));

        assertEquals("template", copy.getString("generator"));
        assertEquals(3, requestsFor(product).size());
        assertTrue(copy.getString("warnings[0]").contains("rule-violation"), copy.getString("warnings[0]"));
        assertTrue(copy.getString("warnings[0]").contains("after 2 revision request(s)"), copy.getString("warnings[0]"));
        assertEquals("Borealis Deposit", copy.getString("searchAd.headlines[0]"));
    }

    @Test
    void absoluteClaimInDescriptionFallsBack() {
        String product = "Cygnus Fund";
        stub(product, completion(ad(List.of("Cygnus Fund", "4% a year", "Invest online"),
                List.of("Cygnus Fund pays 4% a year.", "最佳的理财选择。"))));

        JsonPath copy = create(request("search", "zh-CN", brief(product, "4% a year", null, null)));

        assertEquals("template", copy.getString("generator"));
        assertEquals(1, requestsFor(product).size());
        assertTrue(copy.getString("warnings[0]").contains("absolute-claim"), copy.getString("warnings[0]"));
    }

    private static String ad(List<String> headlines, List<String> descriptions) {
        Map<String, Object> ad = new LinkedHashMap<>();
        ad.put("headlines", headlines);
        ad.put("descriptions", descriptions);
        ad.put("paths", List.of());
        try {
            return JSON.writeValueAsString(ad);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
