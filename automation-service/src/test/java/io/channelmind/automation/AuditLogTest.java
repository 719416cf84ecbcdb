package io.channelmind.automation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The audit log of campaigns and journeys, read through GET /api/v1/audit. */
@QuarkusTest
class AuditLogTest {

    @Inject
    DataSource dataSource;

    @Test
    void campaignChangesRecorded() {
        DependencyStubs.segment("audited", List.of());
        String id = given().contentType(ContentType.JSON).header("X-Request-Id", "req-audit-1")
                .body(CampaignApi.request("audited", "email"))
                .when().post("/api/v1/campaigns")
                .then().statusCode(201)
                .extract().path("id");
        given().when().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        given().queryParam("entityType", "campaign").queryParam("entityId", id)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries", hasSize(2))
                .body("entries[0].action", equalTo("cancelled"))
                .body("entries[0].after.status", equalTo("cancelled"))
                .body("entries[1].action", equalTo("created"))
                .body("entries[1].actor", equalTo("test-admin"))
                .body("entries[1].before", nullValue())
                .body("entries[1].after.segment", equalTo("audited"))
                .body("entries[1].after.status", equalTo("draft"))
                .body("entries[1].requestId", equalTo("req-audit-1"))
                .body("entries[1].time", notNullValue())
                .body("nextBefore", nullValue());
    }

    @Test
    void rejectedChangeLeavesNoEntry() {
        DependencyStubs.segment("audited-draft", List.of());
        String id = CampaignApi.create("audited-draft", "email");

        given().when().post("/api/v1/campaigns/" + id + "/pause").then().statusCode(422);

        given().queryParam("entityId", id).queryParam("action", "paused")
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries", hasSize(0));
    }

    @Test
    void pagesNewestFirst() {
        DependencyStubs.segment("audited-pages", List.of());
        String id = CampaignApi.create("audited-pages", "email");
        given().when().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        Integer nextBefore = given().queryParam("entityId", id).queryParam("limit", 1)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries", hasSize(1))
                .body("entries[0].action", equalTo("cancelled"))
                .extract().path("nextBefore");

        given().queryParam("entityId", id).queryParam("limit", 1).queryParam("before", nextBefore)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries[0].action", equalTo("created"))
                .body("nextBefore", nullValue());
    }

    @Test
    void journeyDeletionRecorded() {
        String body = """
                {"name": "Audited journey",
                 "trigger": {"type": "segment-entered", "segment": "audited-journey"},
                 "reentry": {"mode": "never"},
                 "steps": [{"id": "hello", "type": "send", "channel": "webhook", "text": "Hello"}]}
                """;
        String id = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/journeys")
                .then().statusCode(201)
                .extract().path("id");
        given().when().delete("/api/v1/journeys/" + id).then().statusCode(204);

        given().queryParam("entityType", "journey").queryParam("entityId", id)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("deleted", "created")))
                .body("entries[0].before.name", equalTo("Audited journey"))
                .body("entries[0].after", nullValue());
    }

    @Test
    void badFilterRejected() {
        given().queryParam("action", "exploded").queryParam("from", "yesterday")
                .when().get("/api/v1/audit")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-audit-query"))
                .body("errors[0].field", equalTo("action"))
                .body("errors[0].value", equalTo("exploded"))
                .body("errors[0].message", containsString("launched"))
                .body("errors[1].field", equalTo("from"));
    }

    @Test
    void updateAndDeleteRefused() throws SQLException {
        DependencyStubs.segment("audited-append", List.of());
        CampaignApi.create("audited-append", "email");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("update audit_log set actor = 'someone else'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("delete from audit_log"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
    }
}
