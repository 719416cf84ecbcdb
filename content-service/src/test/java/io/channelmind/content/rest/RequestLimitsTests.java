package io.channelmind.content.rest;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bodies past the JSON and body size limits of web-support get problem details that name the
 * limit and its configuration key, and the service keeps serving.
 */
@QuarkusTest
class RequestLimitsTests {

    private static final String COPY_PATH = "/api/v1/copy";

    @Test
    void deepNestingRejected() {
        Map<String, Object> body = request("sms", "en", brief("Wealth Plus", "3.5% a year", null, null));
        Map<String, Object> nested = new LinkedHashMap<>();
        body.put("audience", Map.of("size", 10, "features", nested));
        for (int depth = 0; depth < 100; depth++) {
            Map<String, Object> inner = new LinkedHashMap<>();
            nested.put("level", inner);
            nested = inner;
        }

        given().contentType(ContentType.JSON).body(body).when().post(COPY_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:json-limit-exceeded"))
                .body("limit", equalTo("channelmind.json.max-nesting-depth"))
                .body("errors[0].message", containsString("Nest objects and arrays less deeply"));
    }

    @Test
    void longStringRejected() {
        Map<String, Object> body = request("sms", "en", brief("x".repeat(300_000), "3.5% a year", null, null));

        given().contentType(ContentType.JSON).body(body).when().post(COPY_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("limit", equalTo("channelmind.json.max-string-length"))
                .body("detail", containsString("300000 is more than 262144"));
    }

    @Test
    void oversizedBodyRejected() {
        String body = "{\"campaign\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        given().contentType(ContentType.JSON).body(body).when().post(COPY_PATH).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:body-too-large"))
                .body("limit", equalTo("quarkus.http.limits.max-body-size"))
                .body("errors[0].value", equalTo(body.length()))
                .body("errors[0].message", containsString("Send at most 1048576 bytes"));
    }

    @Test
    void serviceServesAfterRejections() {
        oversizedBodyRejected();
        deepNestingRejected();

        given().contentType(ContentType.JSON)
                .body(request("sms", "en", brief("Wealth Plus", "3.5% a year", null, null)))
                .when().post(COPY_PATH).then()
                .statusCode(201);
    }
}
