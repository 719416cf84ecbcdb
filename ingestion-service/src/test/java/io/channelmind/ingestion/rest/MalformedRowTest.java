package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

/** Rows that fail their mapping, with onError=stop (the default) and onError=skip. */
@QuarkusTest
class MalformedRowTest {

    private static final String HEADER = "customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,"
            + "event,channel,campaign,occurred_at,value,currency\n";
    private static final String GOOD_ROW_1 = "c-101,Li,li@example.com,,,,true,false,customer,,,,,\n";
    private static final String GOOD_ROW_2 = "c-101,,,,,,,,contact,email,summer,2024-07-01T10:00:00+08:00,,\n";

    @Test
    void invalidEmailStopsWithRowDetails() {
        String csv = HEADER + GOOD_ROW_1 + GOOD_ROW_2 + "c-102,Wu,not-an-email,,,,true,true,customer,,,,,\n" + GOOD_ROW_1;

        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("Stopped at malformed row 3, column 'email'"))
                .body("errors[0].row", equalTo(3))
                .body("errors[0].column", equalTo("email"))
                .body("errors[0].value", equalTo("not-an-email"))
                .body("rowsAccepted", equalTo(2));
    }

    @Test
    void rowsBeforeStopStayPublished() {
        String csv = HEADER + GOOD_ROW_1 + GOOD_ROW_2 + "c-102,Wu,not-an-email,,,,true,true,customer,,,,,\n" + GOOD_ROW_1;

        String importId = Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .extract().path("importId");

        List<Message> events = TopicReader.messagesOfImport("cm.customer-events", importId);
        assertEquals(2, events.size());
        assertEquals(List.of(1L, 2L), events.stream().map(message -> message.value().get("source").get("row").asLong())
                .sorted().toList());
        given().when().get("/api/v1/imports/" + importId).then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(1))
                .body("customerEvents", equalTo(2))
                .body("errors[0].row", equalTo(3))
                .body("errors[0].column", equalTo("email"));
    }

    @Test
    void wrongFieldCountIsMalformed() {
        String csv = HEADER + GOOD_ROW_1 + "c-103,too,few,fields\n";

        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].column", nullValue())
                .body("errors[0].reason", containsString("4 fields"));
    }

    @Test
    void unparsableNumberNamesColumn() {
        String csv = HEADER + "c-104,,,,,,,,conversion,sms,summer,2024-07-01T10:00:00Z,\"12,5\",CNY\n";

        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("errors[0].row", equalTo(1))
                .body("errors[0].column", equalTo("value"))
                .body("errors[0].value", equalTo("12,5"))
                .body("rowsAccepted", equalTo(0));
    }

    @Test
    void unparsableDateNamesColumn() {
        String csv = HEADER + GOOD_ROW_1 + "c-105,,,,,,,,contact,sms,summer,01/07/2024,,\n";

        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].column", equalTo("occurred_at"))
                .body("errors[0].value", equalTo("01/07/2024"));
    }

    @Test
    void missingRequiredValueNamesColumn() {
        String csv = HEADER + "c-106,Li,,,,,,,,,,,,\n";

        Imports.post("?mapping=channelmind-demo", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("errors[0].row", equalTo(1))
                .body("errors[0].column", equalTo("event"))
                .body("errors[0].value", equalTo(""));
    }

    @Test
    void skipReportsRejectedRows() {
        String csv = HEADER + GOOD_ROW_1 + "c-107,Wu,bad@,,,,true,true,customer,,,,,\n" + GOOD_ROW_2
                + "c-108,,,,,,,,contact,,summer,2024-07-01T10:00:00Z,,\n";

        Imports.post("?mapping=channelmind-demo&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsRead", equalTo(4))
                .body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(2))
                .body("customerEvents", equalTo(2))
                .body("errors.size()", equalTo(2))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].column", equalTo("email"))
                .body("errors[0].value", equalTo("bad@"))
                .body("errors[1].row", equalTo(4))
                .body("errors[1].column", equalTo("channel"))
                .body("errors[1].reason", containsString("contact rows need it"));
    }

    @Test
    void skipPublishesDeadLettersWithoutValues() {
        String csv = HEADER + GOOD_ROW_1 + "c-107,Wu,bad@,,,,true,true,customer,,,,,\n" + GOOD_ROW_2
                + "c-108,,,,,,,,contact,,summer,2024-07-01T10:00:00Z,,\n";

        String importId = Imports.post("?mapping=channelmind-demo&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .extract().path("importId");

        List<Message> deadLetters = TopicReader.messagesOfImport("cm.ingest-dead-letter", importId);
        assertEquals(2, deadLetters.size());
        JsonNode first = deadLetters.stream().map(Message::value)
                .filter(value -> value.get("row").asLong() == 2).findFirst().orElseThrow();
        assertEquals(importId, deadLetters.get(0).key());
        assertEquals("email", first.get("column").asText());
        assertEquals("channelmind-demo", first.get("mapping").asText());
        assertEquals(1, first.get("schemaVersion").asInt());
        assertFalse(first.has("value"));
        assertFalse(first.toString().contains("bad@"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
