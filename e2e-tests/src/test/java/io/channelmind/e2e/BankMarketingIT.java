package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.stack.demo.DemoDriver;
import io.channelmind.stack.demo.DemoOptions;

/**
 * Runs the UCI bank-marketing file (41,188 real telemarketing contacts) through the whole
 * pipeline and compares the per-channel counts with a direct count over the file. Skips when
 * the shared data folder is missing.
 */
class BankMarketingIT {

    private static final String FILE = "bank-marketing/bank-additional-full.csv";

    private static LocalStack stack;
    private static JsonNode report;
    private static Map<String, long[]> direct;
    private static long rows;

    @BeforeAll
    static void runPipeline(@TempDir Path workDir) throws Exception {
        Optional<Path> file = SharedData.file(FILE);
        assumeTrue(file.isPresent(), "Skipped: ../shared/data/" + FILE + " is missing");
        countDirectly(file.get());

        stack = LocalStack.start("bank-marketing");
        Path reportFile = workDir.resolve("report.json");
        try (PrintStream progress = new PrintStream(Files.newOutputStream(stack.logDir().resolve("demo.out")), true)) {
            DemoOptions options = new DemoOptions(file.get(), "bank-marketing", 0, 0, DemoOptions.DEFAULT_SEGMENT,
                    "en", reportFile, workDir);
            new DemoDriver(stack.baseUrls(), stack.adminToken(), progress).run(options);
        }
        report = new ObjectMapper().readTree(reportFile.toFile());
    }

    /** Counts rows, contacts and conversions per channel with a plain reader, independent of ingestion. */
    private static void countDirectly(Path file) throws Exception {
        direct = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(unquote(reader.readLine().split(";")));
            int contact = header.indexOf("contact");
            int outcome = header.indexOf("y");
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = unquote(line.split(";"));
                rows++;
                long[] counts = direct.computeIfAbsent(fields[contact], channel -> new long[2]);
                counts[0]++;
                if (fields[outcome].equals("yes")) {
                    counts[1]++;
                }
            }
        }
    }

    private static String[] unquote(String[] fields) {
        return Arrays.stream(fields).map(field -> field.replace("\"", "").trim()).toArray(String[]::new);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRowBecomesOneProfile() {
        assertEquals(41_188, rows);
        assertEquals(41_188, report.path("profiles").asLong());
        assertEquals(41_188, report.path("import").path("rowsAccepted").asLong());
    }

    @Test
    void channelCountsMatchDirectCount() {
        Map<String, JsonNode> table = new HashMap<>();
        report.path("channels").forEach(row -> table.put(row.path("channel").asText(), row));

        assertEquals(direct.keySet(), table.keySet());
        direct.forEach((channel, counts) -> {
            JsonNode row = table.get(channel);
            assertEquals(counts[0], row.path("contacts").asLong(), channel + " contacts");
            assertEquals(counts[1], row.path("conversions").asLong(), channel + " conversions");
            assertEquals((double) counts[1] / counts[0], row.path("conversionRate").asDouble(), 1e-12,
                    channel + " conversion rate");
        });
    }

    @Test
    void everySendSkippedForMissingContactPoint() {
        JsonNode sends = report.path("sends");
        long segmentSize = report.path("segment").path("size").asLong();
        long notConverted = direct.values().stream().mapToLong(counts -> counts[0] - counts[1]).sum();

        assertEquals(notConverted, segmentSize);
        assertEquals(0, sends.path("sent").asLong());
        assertEquals(segmentSize, sends.path("skipped").path("no contact point").asLong());
    }
}
