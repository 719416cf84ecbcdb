package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The import job life cycle: 202 and Location, progress, idempotency, cancel, error reports, interruption. */
@QuarkusTest
class ImportJobTest {

    private static final String HEADER = "customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,"
            + "event,channel,campaign,occurred_at,value,currency\n";
    private static final String SPEND_ROW = ",,,,,,,,spend,search,job-test,2024-05-01T00:00:00Z,1.00,CNY\n";
    private static final String BAD_ROW = "c-9,Wu,bad@,,,,true,true,customer,,,,,\n";

    @Inject
    DataSource dataSource;

    @Test
    void postRespondsAcceptedWithLocation() {
        Response response = Imports.request("text/csv", bytes(HEADER + SPEND_ROW)).when().post("/api/v1/imports?mapping=channelmind-demo");

        assertEquals(202, response.statusCode(), response.asString());
        String importId = response.path("importId");
        assertTrue(response.header("Location").endsWith("/api/v1/imports/" + importId), response.header("Location"));
        Imports.awaitJob(importId)
                .body("status", equalTo("completed"))
                .body("rowsRead", equalTo(1))
                .body("percent", equalTo(100))
                .body("bytesRead", equalTo(HEADER.length() + SPEND_ROW.length()))
                .body("errorReport", equalTo("/api/v1/imports/" + importId + "/errors"));
    }

    @Test
    void sameKeyAndFileReturnsFirstJob() {
        String key = UUID.randomUUID().toString();
        byte[] body = bytes(HEADER + SPEND_ROW + SPEND_ROW.replace("job-test", "job-test-2"));
        String first = Imports.request("text/csv", body).header("Idempotency-Key", key)
                .when().post("/api/v1/imports?mapping=channelmind-demo").then().statusCode(202).extract().path("importId");
        Imports.awaitJob(first).body("status", equalTo("completed"));
        long spendAfterFirst = TopicReader.messagesOfImport("cm.spend", first).size();

        Imports.request("text/csv", body).header("Idempotency-Key", key)
                .when().post("/api/v1/imports?mapping=channelmind-demo").then()
                .statusCode(200)
                .body("importId", equalTo(first))
                .body("idempotencyKey", equalTo(key));

        assertEquals(2, spendAfterFirst);
        given().when().get("/api/v1/imports?limit=100").then().statusCode(200)
                .body("findAll { it.idempotencyKey == '" + key + "' }.size()", equalTo(1));
    }

    @Test
    void sameKeyWithOtherFileIsRejected() {
        String key = UUID.randomUUID().toString();
        String first = Imports.request("text/csv", bytes(HEADER + SPEND_ROW)).header("Idempotency-Key", key)
                .when().post("/api/v1/imports?mapping=channelmind-demo").then().statusCode(202).extract().path("importId");

        Imports.request("text/csv", bytes(HEADER + SPEND_ROW + SPEND_ROW)).header("Idempotency-Key", key)
                .when().post("/api/v1/imports?mapping=channelmind-demo").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:idempotency-key-reused"))
                .body("importId", equalTo(first));
    }

    @Test
    void errorReportListsEveryRejectedRow() {
        StringBuilder csv = new StringBuilder(HEADER);
        int badRows = 150;
        for (int i = 0; i < badRows; i++) {
            csv.append(SPEND_ROW).append(BAD_ROW);
        }
        String importId = Imports.post("?mapping=channelmind-demo&onError=skip", "text/csv", bytes(csv.toString()))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsRejected", equalTo(badRows))
                .body("errors.size()", equalTo(100))
                .extract().path("importId");

        given().when().get("/api/v1/imports/" + importId + "/errors").then()
                .statusCode(200)
                .contentType("application/json")
                .body("size()", equalTo(badRows))
                .body("[0].row", equalTo(2))
                .body("[149].row", equalTo(300))
                .body("[0].column", equalTo("email"))
                .body("[0].value", equalTo("bad@"))
                .body("[0].reason", containsString("not a valid e-mail address"));
        String report = given().when().get("/api/v1/imports/" + importId + "/errors?format=csv").then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract().asString();
        String[] lines = report.split("\r\n");
        assertEquals(badRows + 1, lines.length);
        assertEquals("row,column,value,reason", lines[0]);
        assertTrue(lines[1].startsWith("2,\"email\",\"bad@\",\"The value is not a valid e-mail address"), lines[1]);
    }

    @Test
    void cancelStopsReadingAndKeepsPublishedRows() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 300_000; i++) {
            csv.append(",,,,,,,,spend,search,cancel-test-").append(i).append(",2024-05-01T00:00:00Z,1.00,CNY\n");
        }
        String importId = Imports.request("text/csv", bytes(csv.toString()))
                .when().post("/api/v1/imports?mapping=channelmind-demo").then().statusCode(202).extract().path("importId");

        given().when().post("/api/v1/imports/" + importId + "/cancel").then()
                .statusCode(202)
                .body("importId", equalTo(importId));

        Imports.awaitJob(importId)
                .body("status", equalTo("cancelled"))
                .body("failureReason", containsString("Cancelled on request"));
        int read = given().when().get("/api/v1/imports/" + importId).then().extract().path("rowsRead");
        int accepted = given().when().get("/api/v1/imports/" + importId).then().extract().path("rowsAccepted");
        assertTrue(read < 300_000, "read " + read + " rows");
        assertEquals(accepted, TopicReader.messagesOfImport("cm.spend", importId).size());
        given().when().post("/api/v1/imports/" + importId + "/cancel").then()
                .statusCode(409)
                .body("type", equalTo("urn:channelmind:problem:import-finished"));
    }

    /**
     * Sets the job's cancel flag in the database, as a cancel request on another replica does,
     * and expects the replica that runs the job to read it with its progress and stop.
     */
    @Test
    void cancelFlagFromOtherReplicaStopsJob() throws IOException, SQLException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes(HEADER));
            for (int i = 0; i < 2_000_000; i++) {
                gzip.write(bytes(",,,,,,,,spend,search,replica-cancel-" + i + ",2024-05-01T00:00:00Z,1.00,CNY\n"));
            }
        }
        String importId = Imports.request("text/csv", compressed.toByteArray())
                .when().post("/api/v1/imports?mapping=channelmind-demo").then().statusCode(202).extract().path("importId");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE import_job SET cancel_requested = true WHERE id = ?")) {
            update.setObject(1, UUID.fromString(importId));
            assertEquals(1, update.executeUpdate());
        }

        Imports.awaitJob(importId)
                .body("status", equalTo("cancelled"))
                .body("failureReason", containsString("Cancelled on request"));
        int read = given().when().get("/api/v1/imports/" + importId).then().extract().path("rowsRead");
        int accepted = given().when().get("/api/v1/imports/" + importId).then().extract().path("rowsAccepted");
        assertTrue(read < 2_000_000, "read " + read + " rows");
        assertEquals(accepted, TopicReader.messagesOfImport("cm.spend", importId).size());
    }

    @Test
    void staleRunningJobIsMarkedInterrupted() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO import_job (id, mapping, on_error, "
                        + "input_format, status, started_at, heartbeat_at) VALUES (?, 'channelmind-demo', 'stop', 'csv', "
                        + "'running', ?, ?)")) {
            Instant longAgo = Instant.now().minusSeconds(3600);
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(longAgo));
            insert.setTimestamp(3, Timestamp.from(longAgo));
            insert.executeUpdate();
        }

        Imports.awaitJob(id.toString())
                .body("status", equalTo("interrupted"))
                .body("finishedAt", notNullValue())
                .body("failureReason", containsString("The service stopped"));
    }

    @Test
    void unknownImportCannotBeCancelled() {
        given().when().post("/api/v1/imports/" + UUID.randomUUID() + "/cancel").then()
                .statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:import-not-found"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
