package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Imports;
import io.quarkus.test.junit.QuarkusTest;

/** Users register their own column mappings through PUT /api/v1/mappings/{name}. */
@QuarkusTest
class MappingRegistrationTest {

    private static final String MAPPING = """
            {
              "name": "shop-orders",
              "description": "Orders of a shop, separated by semicolons",
              "format": { "delimiter": ";" },
              "defaults": { "currency": "EUR" },
              "profileKey": { "namespace": "shop", "field": "customer" },
              "fields": {
                "customer": { "column": "Kunde", "type": "id", "required": true },
                "amount": { "column": "Betrag", "type": "decimal", "decimalSeparator": "," },
                "at": { "column": "Datum", "type": "timestamp", "pattern": "dd.MM.yyyy HH:mm" }
              },
              "events": [ { "type": "conversion", "occurredAt": "at", "value": "amount" } ]
            }
            """;

    @Test
    void registeredMappingImportsFile() {
        given().contentType("application/json").body(MAPPING).when().put("/api/v1/mappings/shop-orders").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/mappings/shop-orders"))
                .body("name", equalTo("shop-orders"));
        given().contentType("application/json").body(MAPPING).when().put("/api/v1/mappings/shop-orders").then()
                .statusCode(200);
        given().when().get("/api/v1/mappings").then().statusCode(200).body("name", hasItem("shop-orders"));

        Imports.post("?mapping=shop-orders", "text/csv",
                "Kunde;Betrag;Datum\n4711.0;12,50;01.05.2024 10:00\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("customerEvents", equalTo(1));
    }

    @Test
    void invalidMappingIsRejected() {
        given().contentType("application/json").body(MAPPING.replace("\"id\"", "\"uuid\"").replace("shop-orders", "bad-orders"))
                .when().put("/api/v1/mappings/bad-orders").then()
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-mapping"))
                .body("detail", containsString("unknown field type 'uuid'"));
    }

    @Test
    void builtInMappingCannotBeReplaced() {
        given().contentType("application/json").body(MAPPING.replace("shop-orders", "online-retail"))
                .when().put("/api/v1/mappings/online-retail").then()
                .statusCode(409)
                .body("type", equalTo("urn:channelmind:problem:built-in-mapping"));
    }

    @Test
    void nameMustMatchPath() {
        given().contentType("application/json").body(MAPPING).when().put("/api/v1/mappings/other-name").then()
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:mapping-name-mismatch"));
    }
}
