package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.stack.demo.DemoDataGenerator;
import io.channelmind.stack.demo.DemoDataSet;
import io.channelmind.stack.demo.DemoDriver;
import io.channelmind.stack.demo.DemoOptions;

/**
 * Runs the main job on a generated data set across the five packaged services and checks
 * the count at every step against what the generator wrote, and the mail the SMTP server
 * received.
 */
class DemoPipelineIT {

    private static final int CUSTOMERS = 600;
    private static final long SEED = 7;

    private static LocalStack stack;
    private static JsonNode report;
    private static DemoDataSet expected;

    @BeforeAll
    static void runDemo(@TempDir Path workDir) throws Exception {
        stack = LocalStack.start("demo");
        expected = DemoDataGenerator.generate(workDir.resolve("expected.csv"), CUSTOMERS, SEED);
        Path reportFile = workDir.resolve("report.json");
        try (PrintStream progress = new PrintStream(Files.newOutputStream(stack.logDir().resolve("demo.out")), true)) {
            DemoOptions options = new DemoOptions(null, null, CUSTOMERS, SEED, DemoOptions.DEFAULT_SEGMENT, "en",
                    reportFile, workDir);
            new DemoDriver(stack.baseUrls(), progress).run(options);
        }
        report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reportFile.toFile());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void importAcceptsEveryRow() {
        assertEquals(expected.rows(), report.path("import").path("rowsAccepted").asInt());
        assertEquals(0, report.path("import").path("rowsRejected").asInt());
        assertEquals(expected.spendRows(), report.path("import").path("spendEvents").asInt());
    }

    @Test
    void oneProfilePerCustomer() {
        assertEquals(CUSTOMERS, report.path("profiles").asInt());
    }

    @Test
    void segmentHoldsCustomersWithoutConversion() {
        assertEquals("not-converted", report.path("segment").path("name").asText());
        assertEquals(expected.notConverted(), report.path("segment").path("size").asInt());
    }

    @Test
    void channelTableMatchesGeneratedCounts() {
        Map<String, JsonNode> rows = new HashMap<>();
        report.path("channels").forEach(row -> rows.put(row.path("channel").asText(), row));

        assertEquals(expected.channels().keySet(), rows.keySet());
        expected.channels().forEach((channel, counts) -> {
            JsonNode row = rows.get(channel);
            assertEquals(counts[0], row.path("contacts").asLong(), channel + " contacts");
            assertEquals(counts[1], row.path("conversions").asLong(), channel + " conversions");
            assertEquals((double) counts[1] / counts[0], row.path("conversionRate").asDouble(), 1e-9,
                    channel + " conversion rate");
        });
    }

    @Test
    void emailIsRecommended() {
        assertEquals("email", report.path("recommendedChannel").asText());
        assertFalse(report.path("recommendationReason").asText().isBlank());
    }

    @Test
    void copyComesFromTemplateWriter() {
        assertEquals("template", report.path("copy").path("generator").asText());
        assertFalse(report.path("copy").path("subject").asText().isBlank());
        assertFalse(report.path("copy").path("body").asText().isBlank());
    }

    @Test
    void sendsAndSkipsMatchEligibility() {
        JsonNode sends = report.path("sends");

        assertEquals(expected.expectedEmailsSent(), sends.path("sent").asInt());
        assertEquals(expected.expectedDuplicates(), sends.path("duplicates").asInt());
        assertEquals(0, sends.path("failed").asInt());
        expected.expectedSkips().forEach((reason, count) ->
                assertEquals(count.intValue(), sends.path("skipped").path(reason).asInt(), "skipped: " + reason));
    }

    @Test
    void everyAddressReceivedExactlyOneMail() throws Exception {
        MimeMessage[] received = stack.mail().greenMail().getReceivedMessages();
        Set<String> recipients = new HashSet<>();
        for (MimeMessage message : received) {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            assertEquals(1, to.length, "recipients per message");
            assertTrue(recipients.add(((InternetAddress) to[0]).getAddress().toLowerCase()), "second mail to one address");
        }

        assertEquals(expected.expectedEmailsSent(), received.length);
        assertEquals(expected.expectedRecipients(), recipients);
    }
}
