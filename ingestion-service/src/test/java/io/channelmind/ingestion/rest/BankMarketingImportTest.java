package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.SharedData;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BankMarketingImportTest {

    private static final String REAL_FILE = "bank-marketing/bank-additional-full.csv";
    private static final String REAL_FILE_WITH_UNKNOWN_CONTACTS = "bank-marketing/bank-full.csv";
    private static final String SAMPLE = """
            "age";"job";"marital";"education";"default";"housing";"loan";"contact";"month";"day_of_week";"duration";"campaign";"pdays";"previous";"poutcome";"emp.var.rate";"cons.price.idx";"cons.conf.idx";"euribor3m";"nr.employed";"y"\r
            56;"housemaid";"married";"basic.4y";"no";"no";"no";"telephone";"may";"mon";261;1;999;0;"nonexistent";1.1;93.994;-36.4;4.857;5191;"no"\r
            41;"technician";"single";"university.degree";"no";"yes";"no";"cellular";"may";"tue";340;2;999;0;"nonexistent";1.1;93.994;-36.4;4.857;5191;"yes"\r
            33;"admin.";"divorced";"high.school";"unknown";"yes";"yes";"unknown";"jun";"wed";120;1;999;0;"nonexistent";1.4;94.465;-41.8;4.866;5228.1;"yes"\r
            """;

    @Test
    void sampleRowsBecomeCustomerEvents() {
        String importId = Imports.post("?mapping=bank-marketing", "text/csv", SAMPLE.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("rowsAccepted", equalTo(3))
                .body("customerEvents", equalTo(3 + 2 + 2))
                .extract().path("importId");

        List<JsonNode> events = TopicReader.messagesOfImport("cm.customer-events", importId).stream()
                .map(Message::value).toList();

        JsonNode identify = find(events, "bank-marketing:row-2", "identify");
        assertEquals(41, identify.get("traits").get("age").asInt());
        assertEquals("technician", identify.get("traits").get("job").asText());
        assertEquals("yes", identify.get("traits").get("housing").asText());
        assertTrue(!identify.get("traits").has("duration"));
        JsonNode contact = find(events, "bank-marketing:row-1", "contact");
        assertEquals("telephone", contact.get("channel").asText());
        assertEquals("bank-term-deposit", contact.get("campaign").asText());
        assertEquals("cellular", find(events, "bank-marketing:row-2", "conversion").get("channel").asText());
    }

    @Test
    void unknownContactChannelSkipsContact() {
        String importId = Imports.post("?mapping=bank-marketing", "text/csv", SAMPLE.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .extract().path("importId");

        List<JsonNode> row3 = TopicReader.messagesOfImport("cm.customer-events", importId).stream()
                .map(Message::value)
                .filter(event -> event.get("profileKey").asText().equals("bank-marketing:row-3"))
                .toList();

        assertEquals(List.of("conversion", "identify"), row3.stream().map(event -> event.get("type").asText()).sorted().toList());
        assertTrue(find(row3, "bank-marketing:row-3", "conversion").get("channel").isNull());
    }

    @Test
    void realFileImportsEveryCustomer() throws IOException {
        Path file = SharedData.file(REAL_FILE).orElse(null);
        Assumptions.assumeTrue(file != null, "Skipped: the shared/data folder with " + REAL_FILE
                + " is missing (looked in every parent of the working directory)");
        long subscribed = countSubscribed(file);

        String importId = Imports.post("?mapping=bank-marketing", "text/csv", Files.readAllBytes(file))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsRead", equalTo(41_188))
                .body("rowsAccepted", equalTo(41_188))
                .body("rowsRejected", equalTo(0))
                .extract().path("importId");

        List<Message> events = TopicReader.messagesOfImport("cm.customer-events", importId);
        long conversions = events.stream().filter(message -> "conversion".equals(message.value().get("type").asText())).count();
        long contacts = events.stream().filter(message -> "contact".equals(message.value().get("type").asText())).count();
        assertEquals(subscribed, conversions);
        assertEquals(41_188, contacts);
        assertEquals(41_188 * 2 + subscribed, events.size());
    }

    @Test
    void realFileWithUnknownContactsImports() throws IOException {
        Path file = SharedData.file(REAL_FILE_WITH_UNKNOWN_CONTACTS).orElse(null);
        Assumptions.assumeTrue(file != null, "Skipped: the shared/data folder with " + REAL_FILE_WITH_UNKNOWN_CONTACTS
                + " is missing (looked in every parent of the working directory)");
        long subscribed = countSubscribed(file);
        long knownContacts = countLines(file, line -> !contactIsUnknown(line));

        String importId = Imports.post("?mapping=bank-marketing", "text/csv", Files.readAllBytes(file))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsAccepted", equalTo(45_211))
                .extract().path("importId");

        List<Message> events = TopicReader.messagesOfImport("cm.customer-events", importId);
        assertEquals(subscribed, events.stream().filter(message -> "conversion".equals(message.value().get("type").asText())).count());
        assertEquals(knownContacts, events.stream().filter(message -> "contact".equals(message.value().get("type").asText())).count());
        assertTrue(knownContacts < 45_211);
    }

    /** Counts rows whose last field, the outcome y, is "yes", straight from the file. */
    private static long countSubscribed(Path file) throws IOException {
        return countLines(file, line -> line.strip().endsWith(";\"yes\""));
    }

    /** Checks whether the contact column, the 9th of bank-full.csv, is "unknown". */
    private static boolean contactIsUnknown(String line) {
        return line.split(";")[8].equals("\"unknown\"");
    }

    private static long countLines(Path file, Predicate<String> condition) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(1).filter(line -> !line.isBlank()).filter(condition).count();
        }
    }

    private static JsonNode find(List<JsonNode> events, String profileKey, String type) {
        return events.stream()
                .filter(event -> event.get("profileKey").asText().equals(profileKey) && event.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " event for " + profileKey));
    }
}
