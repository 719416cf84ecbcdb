package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.cleaning.IdentityHash;
import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

/** The catalogue of bad inputs, each with its exact outcome. */
@QuarkusTest
class BadInputCatalogueTest {

    private static final String CUSTOMERS = "email,customer_id,first_name,last_name,phone,country,locale,time_zone,"
            + "consent_email,consent_sms,created_at\n";
    private static final String COST = "date,channel,campaign,spend,impressions,clicks,conversions,revenue\n";

    @Test
    void byteOrderMarkBeforeHeaderIsDropped() {
        byte[] csv = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                bytes(CUSTOMERS + "li@example.com,7,Li,,,,,,,,\n"));

        String importId = Imports.post("?mapping=customer-list", "text/csv", csv)
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(1))
                .extract().path("importId");

        JsonNode identify = TopicReader.messagesOfImport("cm.customer-events", importId).get(0).value();
        assertEquals("li@example.com", identify.get("traits").get("email").asText());
    }

    @Test
    void emailsDifferingInCaseAreOneCustomer() {
        String csv = CUSTOMERS + "Li.Wei@Example.COM,,Li,,,,,,,,\n" + "  li.wei@example.com ,,Wei,,,,,,,,\n";

        String importId = Imports.post("?mapping=customer-list", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(2))
                .body("cleaning.counts.duplicateCustomers", equalTo(1))
                .body("cleaning.listed.duplicateCustomers", hasItem("row 2 repeats the customer of row 1"))
                .extract().path("importId");

        List<JsonNode> events = values(importId);
        String expectedKey = "customer:" + IdentityHash.sha256("li.wei@example.com");
        assertEquals(List.of(expectedKey, expectedKey), events.stream().map(event -> event.get("profileKey").asText()).toList());
        assertEquals("li.wei@example.com", events.get(0).get("traits").get("email").asText());
        assertEquals(IdentityHash.sha256("li.wei@example.com"), events.get(0).get("traits").get("emailSha256").asText());
    }

    @Test
    void unicodeAndApostropheEmailsAreAccepted() {
        String csv = CUSTOMERS + "Jöhn@Example.com,,,,,,,,,,\n" + "o'neil@example.com,,,,,,,,,,\n"
                + "李@例子.中国,,,,,,,,,,\n";

        String importId = Imports.post("?mapping=customer-list", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(3))
                .extract().path("importId");

        List<String> emails = values(importId).stream().map(event -> event.get("traits").get("email").asText()).toList();
        assertEquals(List.of("jöhn@example.com", "o'neil@example.com", "李@例子.中国"), emails);
    }

    @Test
    void twoDigitYearDateIsRejectedWithFormat() {
        String csv = COST + "2024-05-06,Google Ads,brand,10.00,100,5,1,30.00\n" + "31-12-18,Google Ads,brand,10.00,100,5,1,30.00\n";

        Imports.post("?mapping=ad-platform-cost&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(1))
                .body("rowsRejected", equalTo(1))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].column", equalTo("date"))
                .body("errors[0].value", equalTo("31-12-18"))
                .body("errors[0].reason", equalTo("The value is not a date in ISO-8601 (yyyy-MM-dd)"));
    }

    @Test
    void weeklyReportOnWrongWeekdayIsRejected() {
        // 2024-05-06 is a Monday; 2024-05-08 is a Wednesday.
        String csv = COST + "2024-05-06,Google Ads,brand,70.00,700,35,7,210.00\n" + "2024-05-08,Google Ads,brand,70.00,700,35,7,210.00\n";

        String importId = Imports.post("?mapping=ad-platform-weekly-cost&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .body("rowsAccepted", equalTo(1))
                .body("rowsRejected", equalTo(1))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].column", equalTo("date"))
                .body("errors[0].reason", containsString("falls on a Wednesday, but this weekly report declares weeks "
                        + "starting on Monday"))
                .extract().path("importId");

        JsonNode spend = TopicReader.messagesOfImport("cm.spend", importId).get(0).value();
        assertEquals("search_ads", spend.get("channel").asText());
        assertEquals(7, spend.get("conversions").asInt());
        assertEquals(0, new java.math.BigDecimal("210.00").compareTo(spend.get("revenue").decimalValue()));
    }

    @Test
    void tenMegabyteLineStopsWithLimit() {
        String huge = "x".repeat(10 * 1024 * 1024);
        String csv = COST + "2024-05-06,search,brand,1.00,1,1,0,0\n" + "2024-05-07,search," + huge + ",1.00,1,1,0,0\n";

        Imports.post("?mapping=ad-platform-cost&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("rowsAccepted", equalTo(1))
                .body("failureReason", containsString("Reading stopped at row 2: A field is longer than 1048576 characters"));
    }

    @Test
    void longRowOfShortFieldsStops() {
        String manyFields = "1,".repeat(5 * 1024 * 1024);
        String csv = COST + "2024-05-06,search,brand,1.00,1,1,0,0\n" + manyFields + "1\n";

        Imports.post("?mapping=ad-platform-cost&onError=skip", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("The row is longer than the limit of 4194304 characters"));
    }

    @Test
    void missingRequiredColumnIsRejectedBeforeStart() {
        String csv = "date,channel,campaign,impressions,clicks,conversions,revenue\n2024-05-06,search,brand,1,1,0,0\n";

        Imports.post("?mapping=ad-platform-cost", "text/csv", bytes(csv))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:unknown-column"))
                .body("column", equalTo("spend"))
                .body("errors[0].field", equalTo("spend"));
    }

    @Test
    void optionalColumnMayBeMissing() {
        Imports.post("?mapping=ad-platform-cost", "text/csv", bytes(COST + "2024-05-06,search,brand,1.00,1,1,0,0\n"))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("spendEvents", equalTo(1));
    }

    @Test
    void emptyFileIsRejected() {
        Imports.post("?mapping=ad-platform-cost", "text/csv", new byte[0])
                .statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:empty-body"));
    }

    @Test
    void truncatedGzipFailsWithClearReason() {
        StringBuilder csv = new StringBuilder(COST);
        for (int day = 0; day < 20_000; day++) {
            csv.append(java.time.LocalDate.of(2020, 1, 1).plusDays(day % 1000)).append(",search,c").append(day)
                    .append(",1.00,").append(day).append(",1,0,0\n");
        }
        byte[] gzip = gzip(bytes(csv.toString()));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length * 2 / 3);

        Imports.post("?mapping=ad-platform-cost", "text/csv", truncated)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("The gzip data ends early, so the file is truncated"));
    }

    @Test
    void gzipBombBeforeFirstRowIsRejected() {
        // 40 MiB of blank lines compress about 1000 times. The reader skips them while it looks
        // for the first row, so the ratio limit trips in the check before the 202.
        byte[] bomb = gzip(bytes(COST + "\n".repeat(40 * 1024 * 1024) + "2024-05-06,search,brand,1.00,1,1,0,0\n"));

        Imports.post("?mapping=ad-platform-cost", "text/csv", bomb)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:inflation-limit-exceeded"))
                .body("detail", containsString("ingestion.import.max-inflation-ratio"));
    }

    @Test
    void gzipBombAfterFirstRowFailsImport() {
        byte[] bomb = gzip(bytes(COST + "2024-05-06,search,brand,1.00,1,1,0,0\n" + "\n".repeat(40 * 1024 * 1024)));

        Imports.post("?mapping=ad-platform-cost", "text/csv", bomb)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("rowsAccepted", equalTo(1))
                .body("failureReason", containsString("the limit ingestion.import.max-inflation-ratio"));
    }

    @Test
    void oversizedJsonBodyIsRejected() {
        byte[] body = bytes("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");

        Imports.request("application/json", body).when().post("/api/v1/mappings").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:body-too-large"))
                .body("limit", equalTo("channelmind.http.max-json-body-size"));
    }

    @Test
    void ndjsonLineThatIsNotJsonIsRejected() {
        String ndjson = """
                {"date":"2024-05-06","channel":"search","campaign":"a","spend":"1.00","impressions":"1","clicks":"1","conversions":"0","revenue":"0"}
                {"date":"2024-05-07","channel":"search",
                {"date":"2024-05-08","channel":"search","campaign":"c","spend":"1.00","impressions":"1","clicks":"1","conversions":"0","revenue":"0"}
                """;

        Imports.post("?mapping=ad-platform-cost&onError=skip", "application/x-ndjson", bytes(ndjson))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(1))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].reason", equalTo("The line is not a valid JSON object"));
    }

    @Test
    void floatCustomerIdsAndDstTimesAreNormalised() {
        String csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,HOLDER,6,2011-03-27 01:30:00,2.55,17850.0,United Kingdom\n"
                + "C536379,D,Discount,-1,2011-10-30 01:30:00,27.50,14527.0,United Kingdom\n"
                + "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom\n";

        String importId = Imports.post("?mapping=online-retail", "text/csv", bytes(csv))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(3))
                .body("cleaning.counts.dstGapShifted", equalTo(1))
                .body("cleaning.counts.dstOverlapEarlierOffset", equalTo(1))
                .body("cleaning.counts.'rowsWithoutCustomerId.anonymous'", equalTo(1))
                .extract().path("importId");

        List<JsonNode> events = values(importId);
        JsonNode conversion = find(events, "online-retail:17850");
        assertEquals("conversion", conversion.get("type").asText());
        // 01:30 on 2011-03-27 does not exist in London; it moves forward by the one-hour gap to 02:30 BST.
        assertEquals("2011-03-27T01:30:00Z", conversion.get("occurredAt").asText());
        assertEquals(0, new java.math.BigDecimal("15.30").compareTo(conversion.get("value").decimalValue()));
        JsonNode cancellation = find(events, "online-retail:14527");
        assertEquals("cancellation", cancellation.get("type").asText());
        // 01:30 on 2011-10-30 happened twice in London; the earlier offset (+01:00) is used.
        assertEquals("2011-10-30T00:30:00Z", cancellation.get("occurredAt").asText());
        assertEquals(0, new java.math.BigDecimal("-27.50").compareTo(cancellation.get("value").decimalValue()));
        assertTrue(events.stream().anyMatch(event -> event.get("profileKey").asText().equals("online-retail:anonymous:536414")));
    }

    private static JsonNode find(List<JsonNode> events, String profileKey) {
        return events.stream().filter(event -> event.get("profileKey").asText().equals(profileKey)).findFirst()
                .orElseThrow(() -> new AssertionError("No event of " + profileKey + " in " + events));
    }

    private static List<JsonNode> values(String importId) {
        return TopicReader.messagesOfImport("cm.customer-events", importId).stream().map(Message::value)
                .sorted(java.util.Comparator.comparingLong(event -> event.get("source").get("row").asLong()))
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
