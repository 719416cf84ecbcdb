package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;

/** Changes to sources, write keys and mappings in GET /api/v1/audit and /api/v1/audit/ingestion-service. */
@QuarkusTest
class AuditLogTest {

    @Test
    void writeKeyChangesAuditedWithoutKeys() {
        CreatedSource source = Tracking.createSource("audited");
        String rotatedKey = given().when().post("/api/v1/sources/" + source.name() + "/rotate")
                .then().statusCode(200).extract().path("writeKey");
        given().when().delete("/api/v1/sources/" + source.name()).then().statusCode(204);

        String log = given().queryParam("entityType", "source").queryParam("entityId", source.name())
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("revoked", "rotated", "created")))
                .body("entries[0].after.active", equalTo(false))
                .body("entries[1].after.keyPrefix", equalTo(rotatedKey.substring(0, 6)))
                .body("entries[2].after.keyPrefix", equalTo(source.writeKey().substring(0, 6)))
                .extract().asString();

        assertFalse(log.contains(source.writeKey()), "the first write key must not appear in the audit log");
        assertFalse(log.contains(rotatedKey), "the rotated write key must not appear in the audit log");
    }

    @Test
    void logServedUnderServiceName() {
        CreatedSource source = Tracking.createSource("audited-by-name");

        given().queryParam("entityType", "source").queryParam("entityId", source.name())
                .when().get("/api/v1/audit/ingestion-service")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("created")));
        given().when().get("/api/v1/audit/profile-service")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:audit-log-not-found"))
                .body("errors[0].field", equalTo("service"))
                .body("errors[0].value", equalTo("profile-service"));
    }

    @Test
    void duplicateSourceLeavesNoEntry() {
        CreatedSource source = Tracking.createSource("audited-twice");

        given().contentType("application/json").body("{\"name\": \"" + source.name() + "\"}")
                .when().post("/api/v1/sources")
                .then().statusCode(409);

        given().queryParam("entityType", "source").queryParam("entityId", source.name())
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries", hasSize(1));
    }

    @Test
    void mappingReplacementAudited() {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        String first = mapping(name, "EUR");
        String second = mapping(name, "CNY");

        given().contentType("application/json").body(first).when().put("/api/v1/mappings/" + name)
                .then().statusCode(201);
        given().contentType("application/json").body(second).when().put("/api/v1/mappings/" + name)
                .then().statusCode(200);

        List<String> actions = given().queryParam("entityType", "mapping").queryParam("entityId", name)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries[0].before.defaults.currency", equalTo("EUR"))
                .body("entries[0].after.defaults.currency", equalTo("CNY"))
                .body("entries[1].before", nullValue())
                .extract().path("entries.action");
        assertEquals(List.of("changed", "created"), actions);
    }

    private static String mapping(String name, String currency) {
        return """
                {
                  "name": "%s",
                  "defaults": { "currency": "%s" },
                  "profileKey": { "namespace": "shop", "field": "customer" },
                  "fields": {
                    "customer": { "column": "customer", "type": "id", "required": true },
                    "at": { "column": "at", "type": "timestamp" }
                  },
                  "events": [ { "type": "conversion", "occurredAt": "at" } ]
                }
                """.formatted(name, currency);
    }
}
