package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiTest {

    @Test
    void openApiDocumentsMethodAndCost() {
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertTrue(document.contains("/api/v1/recommendations/channel"));
        assertTrue(document.contains("Beta(2p, 2(1 - p))"));
        assertTrue(document.contains("cost stays channel-wide"));
    }

    @Test
    void openApiDocumentsModelAndBandit() {
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();

        assertTrue(document.contains("/api/v1/response-models"));
        assertTrue(document.contains("/api/v1/recommendations/profiles/{profileKey}/channel"));
        assertTrue(document.contains("/api/v1/recommendations/segments/{segment}/channel"));
        assertTrue(document.contains("/api/v1/channels/performance/breakdown"));
        assertTrue(document.contains("Thompson sampling"));
    }

    @Test
    void swaggerUiIsIncluded() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
