package io.channelmind.content.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.channelmind.content.support.ChatCompletions.completion;
import static io.channelmind.content.support.ChatCompletions.copy;
import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.channelmind.content.support.ModelStubs.requestsFor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.content.support.ModelTestProfile;
import io.channelmind.content.support.OpenAiMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Several variants of one brief from the model behind WireMock, with a duplicate removed. */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class VariantBatchTests {

    @Test
    void duplicateVariantIsDropped() {
        String product = "Sagitta Savings";
        String first = "Sagitta Savings: 3.1% a year. Reply STOP to opt out";
        String second = "Grow more with Sagitta Savings at 3.1% a year. Reply STOP to opt out";
        stubVariant(product, null, first);
        stubVariant(product, 2, second);
        stubVariant(product, 3, "  sagitta savings: 3.1% A YEAR.  Reply STOP to opt out");
        Map<String, Object> body = request("sms", "en", brief(product, "3.1% a year", null, null));
        body.put("variants", 3);

        JsonPath batch = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/copy/variants")
                .then().statusCode(201).extract().jsonPath();

        assertEquals(3, batch.getInt("requested"));
        assertEquals(2, batch.getInt("produced"));
        assertEquals(List.of("variant 3 repeats variant 1 (generator llm)"), batch.getList("dropped"));
        assertEquals(List.of(first, second), batch.getList("copies.body"));
        assertEquals(List.of("llm", "llm"), batch.getList("copies.generator"));
        assertEquals(3, requestsFor(product).size());
        assertTrue(batch.getList("copies.warnings").stream().allMatch(warnings -> ((List<?>) warnings).isEmpty()),
                batch.prettify());
    }

    private static void stubVariant(String product, Integer number, String text) {
        var request = post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product));
        request = number == null ? request.withRequestBody(notContaining("This is variant"))
                : request.withRequestBody(containing("This is variant " + number + ":"));
        OpenAiMock.server().stubFor(request.willReturn(okJson(completion(copy(null, text)))));
    }
}
