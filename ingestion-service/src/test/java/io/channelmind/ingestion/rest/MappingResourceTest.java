package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MappingResourceTest {

    @Test
    void listContainsBothMappings() {
        given().when().get("/api/v1/mappings")
                .then()
                .statusCode(200)
                .body("name", hasItems("bank-marketing", "channelmind-demo"));
    }

    @Test
    void definitionShowsColumnsAndEvents() {
        given().when().get("/api/v1/mappings/bank-marketing")
                .then()
                .statusCode(200)
                .body("format.delimiter", equalTo(";"))
                .body("profileKey.rowNumberPrefix", equalTo("row-"))
                .body("fields.channel.column", equalTo("contact"))
                .body("fields.channel.nullValues[0]", equalTo("unknown"))
                .body("events.type", hasItems("identify", "contact", "conversion"))
                .body("events[1].campaign.constant", equalTo("bank-term-deposit"));
    }

    @Test
    void unknownMappingIsNotFound() {
        given().when().get("/api/v1/mappings/nope")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:mapping-not-found"))
                .body("availableMappings", hasItems("bank-marketing", "channelmind-demo"));
    }
}
