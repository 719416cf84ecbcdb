package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.SharedData;
import io.channelmind.ingestion.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Imports the real UCI Online Retail file once with the online-retail preset and checks every
 * count against a direct count of the file made here.
 */
@QuarkusTest
class OnlineRetailImportTest {

    private static final String REAL_FILE = "online-retail/online-retail.csv.gz";

    @Test
    void realFileKeepsCustomersCancellationsAndAnonymousRows() throws IOException {
        Path file = SharedData.file(REAL_FILE).orElse(null);
        Assumptions.assumeTrue(file != null, "Skipped: the shared/data folder with " + REAL_FILE
                + " is missing (looked in every parent of the working directory)");
        FileCounts expected = FileCounts.of(file);
        // The published figures of the data set, so that a damaged copy of the file is noticed.
        assertEquals(541_909, expected.rows);
        assertEquals(4_372, expected.customers.size());
        assertEquals(9_288, expected.cancelledInvoiceRows);
        assertEquals(135_080, expected.rowsWithoutCustomer);

        String importId = Imports.post("?mapping=online-retail", "text/csv", Files.readAllBytes(file))
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("rowsRead", equalTo(expected.rows))
                .body("rowsAccepted", equalTo(expected.rows))
                .body("rowsRejected", equalTo(0))
                .body("customerEvents", equalTo(expected.rows))
                .body("percent", equalTo(100))
                .body("cleaning.counts.'rowsWithoutCustomerId.anonymous'", equalTo(expected.rowsWithoutCustomer))
                .extract().path("importId");

        TopicCounts actual = new TopicCounts();
        long events = TopicReader.scanImport("cm.customer-events", importId, actual::add);

        assertEquals(expected.rows, events);
        assertEquals(expected.customers, actual.customers);
        assertEquals(expected.negativeQuantityRows, actual.cancellations);
        assertEquals(expected.cancelledInvoiceRows, actual.cancellationsOfCancelledInvoices);
        assertEquals(expected.rows - expected.negativeQuantityRows, actual.conversions);
        assertEquals(expected.rowsWithoutCustomer, actual.anonymousEvents);
    }

    /** Counts made from the file with plain Java, independent of the service's CSV reader. */
    private static final class FileCounts {

        int rows;
        int cancelledInvoiceRows;
        int negativeQuantityRows;
        int rowsWithoutCustomer;
        final Set<String> customers = new HashSet<>();

        static FileCounts of(Path file) throws IOException {
            FileCounts counts = new FileCounts();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    counts.add(line);
                }
            }
            return counts;
        }

        private void add(String line) {
            List<String> fields = splitCsv(line);
            assertEquals(8, fields.size(), line);
            rows++;
            String invoice = fields.get(0);
            long quantity = Long.parseLong(fields.get(3));
            String customerId = fields.get(6);
            if (invoice.startsWith("C")) {
                cancelledInvoiceRows++;
            }
            if (quantity < 0) {
                negativeQuantityRows++;
            }
            if (customerId.isBlank()) {
                rowsWithoutCustomer++;
            } else {
                customers.add("online-retail:" + new BigDecimal(customerId).toBigIntegerExact());
            }
        }

        /** Splits one line of RFC 4180 CSV; no field of this file spans lines. */
        private static List<String> splitCsv(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }

    /** Counts of the published customer events. */
    private static final class TopicCounts {

        long cancellations;
        long cancellationsOfCancelledInvoices;
        long conversions;
        long anonymousEvents;
        final Set<String> customers = new HashSet<>();

        void add(com.fasterxml.jackson.databind.JsonNode event) {
            String key = event.get("profileKey").asText();
            if (key.startsWith("online-retail:anonymous:")) {
                anonymousEvents++;
            } else {
                customers.add(key);
            }
            switch (event.get("type").asText()) {
                case "cancellation" -> {
                    cancellations++;
                    if (event.get("traits").get("invoiceNo").asText().startsWith("C")) {
                        cancellationsOfCancelledInvoices++;
                    }
                }
                case "conversion" -> conversions++;
                default -> throw new AssertionError("Unexpected event type in " + event);
            }
        }
    }
}
