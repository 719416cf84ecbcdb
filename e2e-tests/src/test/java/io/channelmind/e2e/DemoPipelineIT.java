package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import io.channelmind.stack.demo.ApiClient;
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
    /** Demo customers that get interest texts for the response model check. */
    private static final int INTEREST_CUSTOMERS = 40;

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
            new DemoDriver(stack.baseUrls(), stack.adminToken(), progress).run(options);
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

    /**
     * Sends product views for some demo customers through a tracking source named like the
     * demo's profile-key namespace, waits until profile-service has embedded them, and retrains
     * the optimizer's response model, which reads the vectors from profile-service.
     */
    @Test
    void responseModelUsesInterestEmbedding() throws InterruptedException {
        ApiClient api = new ApiClient(stack.adminToken());
        String ingestion = stack.baseUrls().get("ingestion-service");
        String writeKey = api.post(ingestion + "/api/v1/sources", Map.of("name", "demo")).path("writeKey").asText();
        for (int i = 0; i < INTEREST_CUSTOMERS; i++) {
            String product = i % 2 == 0 ? "Hiking boots and a tent for mountain camping" : "Cast iron frying pan for the kitchen";
            api.post(ingestion + "/v1/track", Map.of("writeKey", writeKey, "userId", String.format("c-%06d", i + 1),
                    "event", "Product Viewed", "properties", Map.of("name", product)));
        }
        String interests = stack.baseUrls().get("profile-service") + "/api/v1/profiles/interests?limit=1000";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (api.get(interests).path("profiles").size() < INTEREST_CUSTOMERS) {
            assertTrue(System.nanoTime() < deadline, "profile-service embedded fewer than " + INTEREST_CUSTOMERS
                    + " profiles within 2 minutes: " + api.get(interests));
            Thread.sleep(500);
        }

        JsonNode model = api.post(stack.baseUrls().get("channel-optimizer") + "/api/v1/response-models", Map.of());

        JsonNode embeddings = model.path("embeddings");
        assertTrue(embeddings.path("used").asBoolean(), embeddings.toString());
        assertEquals(18, embeddings.path("labels").size(), embeddings.toString());
        assertTrue(embeddings.path("rowsWithVector").asInt() >= INTEREST_CUSTOMERS, embeddings.toString());
        assertTrue(embeddings.path("withoutEmbeddings").has("model"), embeddings.toString());
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
