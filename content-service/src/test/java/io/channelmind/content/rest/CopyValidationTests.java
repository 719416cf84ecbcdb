package io.channelmind.content.rest;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.post;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Invalid copy requests get 400 problem details that name the field, the value and the fix. */
@QuarkusTest
class CopyValidationTests {

    private static final Map<String, Object> BRIEF = brief("Wealth Plus", "3.5% a year", null, null);
    private static final String PROBLEM_TYPE = "urn:channelmind:problem:invalid-copy-request";

    @Test
    void missingChannelIsRejected() {
        post(request(null, "en", BRIEF))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM_TYPE))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].message", containsString("email, sms, cellular, telephone, social"));
    }

    @Test
    void channelWithSpacesIsRejected() {
        post(request("e mail", "en", BRIEF))
                .statusCode(400)
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].value", equalTo("e mail"));
    }

    @Test
    void unsupportedLocaleIsRejected() {
        post(request("email", "fr", BRIEF))
                .statusCode(400)
                .body("errors[0].field", equalTo("locale"))
                .body("errors[0].value", equalTo("fr"))
                .body("errors[0].message", containsString("en, zh-CN"));
    }

    @ParameterizedTest
    @CsvSource({"maxSmsSegments, 0, 1 to 10", "maxSmsSegments, 11, 1 to 10", "variant, 0, 1 to 10",
            "brand, unknown-bank, acme-bank", "industry, gambling, finance"})
    void invalidOptionIsRejected(String field, String value, String hint) {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put(field, field.equals("brand") || field.equals("industry") ? value : Integer.valueOf(value));

        post(body).statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(hint));
    }

    @Test
    void validOptionsAreAccepted() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("maxSmsSegments", 3);
        body.put("variant", 2);
        body.put("brand", "acme-bank");
        body.put("industry", "Finance");

        post(body).statusCode(201);
    }

    @Test
    void lowerCaseChineseLocaleIsAccepted() {
        post(request("email", "zh-cn", BRIEF)).statusCode(201).body("locale", equalTo("zh-CN"));
    }

    @Test
    void emptyProductIsRejected() {
        post(request("sms", "en", brief("  ", "3.5% a year", null, null)))
                .statusCode(400)
                .body("errors[0].field", equalTo("brief.product"))
                .body("errors[0].value", equalTo("  "));
    }

    @Test
    void missingBriefIsRejected() {
        post(request("sms", "en", null))
                .statusCode(400)
                .body("errors[0].field", equalTo("brief"));
    }

    @Test
    void relativeUrlIsRejected() {
        post(request("sms", "en", brief("Wealth Plus", null, null, "/wealth")))
                .statusCode(400)
                .body("errors[0].field", equalTo("brief.url"));
    }

    @Test
    void placeholderInBriefIsRejected() {
        post(request("email", "en", brief("Wealth Plus for {{firstName}}", null, null, null)))
                .statusCode(400)
                .body("errors[0].field", equalTo("brief.product"));
    }

    @Test
    void emailAddressInFeaturesIsRejectedUnechoed() {
        Map<String, Object> body = request("email", "en", BRIEF);
        body.put("audience", Map.of("size", 1, "features", Map.of("contact", "li.wei@example.com")));

        post(body)
                .statusCode(400)
                .body("errors[0].field", equalTo("audience.features.contact"))
                .body("errors[0].value", equalTo("(redacted)"))
                .body(not(containsString("li.wei@example.com")));
    }

    @Test
    void phoneNumberInFeaturesIsRejected() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("audience", Map.of("features", Map.of("phone", "+86 138 0013 8000")));

        post(body).statusCode(400).body("errors[0].field", equalTo("audience.features.phone"));
    }

    @Test
    void nestedFeatureIsRejected() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("audience", Map.of("features", Map.of("profile", Map.of("age", 41))));

        post(body).statusCode(400).body("errors[0].field", equalTo("audience.features.profile"));
    }

    @Test
    void allInvalidFieldsAreListed() {
        post(request(null, "de", brief("", null, null, null)))
                .statusCode(400)
                .body("errors", hasSize(3))
                .body("detail", containsString("3 field(s)"));
    }

    @Test
    void malformedJsonIsProblem() {
        given().contentType(ContentType.JSON).body("{\"channel\": ").when().post("/api/v1/copy").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void fineTuningWithoutEndpointConflicts() {
        given().contentType("application/json").body("{}").when().post("/api/v1/copy/fine-tuning-jobs").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:fine-tuning-not-configured"))
                .body("errors[0].field", equalTo("channelmind.content.llm.base-url"))
                .body("errors[0].message", containsString("Set OPENAI_BASE_URL"));
        given().when().get("/api/v1/copy/fine-tuning-jobs/ftjob-1").then().statusCode(409);
    }
}
