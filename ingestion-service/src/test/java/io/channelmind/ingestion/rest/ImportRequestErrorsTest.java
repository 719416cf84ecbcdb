package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/** Requests rejected before any row is published. */
@QuarkusTest
class ImportRequestErrorsTest {

    private static final byte[] DEMO = DemoCsvImportTest.bytes(DemoCsvImportTest.DEMO_CSV);

    @Test
    void missingMappingListsAvailableOnes() {
        Imports.post("", "text/csv", DEMO)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:missing-mapping"))
                .body("availableMappings", hasItems("bank-marketing", "channelmind-demo"))
                .body("errors[0].field", equalTo("mapping"));
    }

    @Test
    void unknownMappingListsAvailableOnes() {
        Imports.post("?mapping=crm-export", "text/csv", DEMO)
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:unknown-mapping"))
                .body("errors[0].value", equalTo("crm-export"))
                .body("errors[0].message", containsString("bank-marketing"))
                .body("availableMappings", hasItems("bank-marketing", "channelmind-demo"));
    }

    @Test
    void invalidOnErrorIsRejected() {
        Imports.post("?mapping=channelmind-demo&onError=ignore", "text/csv", DEMO)
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-on-error"))
                .body("errors[0].field", equalTo("onError"))
                .body("errors[0].value", equalTo("ignore"));
    }

    @Test
    void missingColumnPublishesNothing() {
        String csv = "customer_id,first_name,phone,locale,time_zone,consent_email,consent_sms,event,channel,campaign,"
                + "occurred_at,value,currency\nc-1,Li,,,,,,customer,,,,,\n";
        Map<Integer, Long> customerOffsets = TopicReader.endOffsets("cm.customer-events");
        Map<Integer, Long> spendOffsets = TopicReader.endOffsets("cm.spend");

        Imports.post("?mapping=channelmind-demo", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:unknown-column"))
                .body("column", equalTo("email"))
                .body("headerColumns", hasItems("customer_id", "first_name", "phone"))
                .body("detail", containsString("'email'"));

        assertEquals(customerOffsets, TopicReader.endOffsets("cm.customer-events"));
        assertEquals(spendOffsets, TopicReader.endOffsets("cm.spend"));
    }

    @Test
    void emptyBodyIsRejected() {
        Imports.post("?mapping=channelmind-demo", "text/csv", new byte[0])
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:empty-body"));
    }

    @Test
    void headerOnlyFileIsRejected() {
        String csv = DemoCsvImportTest.DEMO_CSV.lines().findFirst().orElseThrow() + "\r\n";

        Imports.post("?mapping=channelmind-demo", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:no-data-rows"))
                .body("detail", containsString("no data rows"));
    }

    @Test
    void unsupportedContentTypeIsRejected() {
        Imports.post("?mapping=channelmind-demo", "application/xml", DEMO)
                .statusCode(415)
                .body("type", equalTo("urn:channelmind:problem:unsupported-media-type"))
                .body("errors[0].message", containsString("text/csv"));
    }

    @Test
    void declaredGzipOnPlainBodyIsRejected() {
        Imports.request("text/csv", DEMO).header("Content-Encoding", "gzip")
                .when().post("/api/v1/imports?mapping=channelmind-demo")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:unreadable-body"));
    }

    @Test
    void unknownImportIsNotFound() {
        given().when().get("/api/v1/imports/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:import-not-found"));
    }

    @Test
    void malformedImportIdIsNotFound() {
        given().when().get("/api/v1/imports/not-an-id")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:import-not-found"));
    }

    @Test
    void listLimitIsChecked() {
        given().when().get("/api/v1/imports?limit=0")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-limit"));
    }
}
