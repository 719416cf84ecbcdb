package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AttributionApiTest {

    private static final String PATH_FILE = """
            path;total_conversions;total_conversion_value;total_null
            email > sms;2;30;1
            sms;0;0;4
            email > sms;1;10;0
            """;

    @Test
    void pathFileGivesEveryModel() {
        given().contentType("text/csv").body(PATH_FILE).queryParam("models", "LAST_TOUCH,MARKOV")
                .post("/api/v1/attribution")
                .then().statusCode(200)
                .body("journeys", equalTo(3))
                .body("results.model", equalTo(List.of("LAST_TOUCH", "MARKOV")))
                .body("results[0].channels.find { it.channel == 'sms' }.conversions", equalTo(3.0f))
                .body("results[1].totalValue", equalTo(40.0f));
    }

    @Test
    void jsonJourneysWithTimes() {
        Map<String, Object> body = Map.of(
                "models", List.of("TIME_DECAY"),
                "halfLife", 24,
                "journeys", List.of(Map.of("touchpoints", List.of("email", "sms"), "hoursBeforeEnd", List.of(48, 0),
                        "conversions", 1, "value", 10, "nulls", 0)));

        given().contentType(ContentType.JSON).body(body).post("/api/v1/attribution")
                .then().statusCode(200)
                .body("results[0].channels.find { it.channel == 'email' }.conversions", equalTo(0.2f));
    }

    @Test
    void invalidInputNamesFieldAndRow() {
        given().contentType("text/csv").body("path;total_conversions;total_conversion_value;total_null\nemail;x;0;0\n")
                .post("/api/v1/attribution")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("row", equalTo(1))
                .body("errors[0].field", equalTo("total_conversions"))
                .body("errors[0].value", equalTo("x"));
        given().contentType(ContentType.JSON)
                .body(Map.of("journeys", List.of(Map.of("touchpoints", List.of()))))
                .post("/api/v1/attribution")
                .then().statusCode(400)
                .body("errors.field", hasItem("journeys[0].touchpoints"));
        given().contentType("text/csv").body(PATH_FILE).queryParam("markovOrder", 4)
                .post("/api/v1/attribution")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("markovOrder"));
        given().contentType("text/csv").body(PATH_FILE).queryParam("models", "SHAPLEY")
                .post("/api/v1/attribution")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("models"));
    }
}
