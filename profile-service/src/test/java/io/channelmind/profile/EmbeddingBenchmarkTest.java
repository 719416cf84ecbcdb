package io.channelmind.profile;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.TextLanguage;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Embeddings per second through the service next to a plain loop over the same models, for
 * bench/embedding-benchmark.sh. The service phase sends one purchase per distinct product text
 * to cm.customer-events and waits until profile-service has applied all of them, so it includes
 * Kafka, the database and the text cache (which misses on every text, because all are distinct).
 * The plain loop calls {@code embed(text)} of the text's model for each text of another set of
 * the same size. Each phase first runs on its own warm-up texts. Off by default; run with
 * {@code -Dprofile.embedding-benchmark=true}. It asserts counts, never times.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "profile.embedding-benchmark", matches = "true")
class EmbeddingBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(EmbeddingBenchmarkTest.class);
    private static final int TEXTS = Integer.getInteger("profile.embedding-benchmark.texts", 1000);
    private static final int WARMUP = Integer.getInteger("profile.embedding-benchmark.warmup", 100);
    private static final Path ONLINE_RETAIL = Path.of("../../shared/data/online-retail/online-retail.csv.gz");
    private static final Instant T0 = Instant.parse("2011-01-01T00:00:00Z");

    @Inject
    InterestEncoder encoder;

    @Test
    void serviceNextToPlainLoop() throws IOException {
        List<String> texts = distinctTexts(2 * (WARMUP + TEXTS));
        List<String> serviceWarmup = texts.subList(0, WARMUP);
        List<String> loopWarmup = texts.subList(WARMUP, 2 * WARMUP);
        List<String> serviceTexts = texts.subList(2 * WARMUP, 2 * WARMUP + TEXTS);
        List<String> loopTexts = texts.subList(2 * WARMUP + TEXTS, 2 * WARMUP + 2 * TEXTS);

        throughService(serviceWarmup);
        double serviceSeconds = throughService(serviceTexts);
        plainLoop(loopWarmup);
        double loopSeconds = plainLoop(loopTexts);

        double servicePerSecond = TEXTS / serviceSeconds;
        double loopPerSecond = TEXTS / loopSeconds;
        long chinese = texts.stream().filter(text -> TextLanguage.detect(text) == TextLanguage.CHINESE).count();
        String result = String.format("EMBEDDING-BENCHMARK texts=%d chinese-share=%.2f service=%.1f/s loop=%.1f/s"
                + " ratio=%.2f source=%s", TEXTS, (double) chinese / texts.size(), servicePerSecond, loopPerSecond,
                servicePerSecond / loopPerSecond, Files.exists(ONLINE_RETAIL) ? "online-retail" : "generated");
        LOG.info(result);
        System.out.println(result);
    }

    /** Sends one purchase per text, each for its own profile, and returns the seconds until all are applied. */
    private double throughService(List<String> texts) {
        String ns = TestEvents.namespace();
        String importId = ns + "-import";
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> purchase = TestEvents.event("conversion", ns + ":c-" + i, T0.plusSeconds(i), "web", 5,
                    Map.of("description", texts.get(i)));
            events.add(TestEvents.fromImport(purchase, importId, i + 1));
        }
        long started = System.nanoTime();
        TestEvents.sendCustomerEvents(events);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertEquals(
                texts.size(), when().get("/api/v1/imports/{id}/progress", importId).jsonPath().getInt("eventsConsumed")));
        return (System.nanoTime() - started) / 1e9;
    }

    /** Embeds each text with its language's model, one call per text, and returns the seconds taken. */
    private double plainLoop(List<String> texts) {
        long started = System.nanoTime();
        for (String text : texts) {
            EmbeddingModel model = encoder.space().model(TextLanguage.detect(text));
            model.embed(text);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Returns {@code count} distinct product texts, every third one Chinese (generated) and the
     * others English: descriptions from the online-retail file, or generated names when the file
     * is missing.
     */
    private static List<String> distinctTexts(int count) throws IOException {
        int chineseCount = count / 3;
        List<String> english = englishTexts(count - chineseCount);
        String[] chineseThings = {"午餐包", "茶杯", "帐篷", "灯笼", "笔记本", "靠垫", "马克杯", "背包", "烛台", "礼盒"};
        String[] chineseColours = {"红色", "蓝色", "绿色", "白色", "黑色", "粉色"};
        List<String> texts = new ArrayList<>(count);
        int nextEnglish = 0;
        for (int i = 0; i < count; i++) {
            if (i % 3 == 2 && texts.size() - nextEnglish < chineseCount) {
                texts.add(chineseColours[i % chineseColours.length] + chineseThings[(i / 7) % chineseThings.length]
                        + "，款式" + i);
            } else {
                texts.add(english.get(nextEnglish++));
            }
        }
        return texts;
    }

    private static List<String> englishTexts(int count) throws IOException {
        Set<String> texts = new LinkedHashSet<>();
        if (Files.exists(ONLINE_RETAIL)) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(ONLINE_RETAIL)), StandardCharsets.UTF_8))) {
                reader.readLine();
                String line;
                while ((line = reader.readLine()) != null && texts.size() < count) {
                    // InvoiceNo,StockCode,Description,...: a quoted Description that contains a
                    // comma splits into more than 8 columns, and its row is skipped.
                    String[] columns = line.split(",", -1);
                    if (columns.length == 8 && !columns[2].isBlank()) {
                        texts.add(columns[2].strip());
                    }
                }
            }
        } else {
            LOG.warn("The online-retail file is missing at " + ONLINE_RETAIL.toAbsolutePath()
                    + "; generating English product names instead");
        }
        String[] colours = {"red", "blue", "green", "white", "black", "pink", "silver", "gold"};
        String[] things = {"lunch bag", "tea cup", "tent", "lantern", "notebook", "cushion", "mug", "backpack",
            "candle holder", "gift box", "phone case", "scarf"};
        for (int i = 0; texts.size() < count; i++) {
            texts.add(colours[i % colours.length] + " " + things[(i / 5) % things.length] + " style " + i);
        }
        return new ArrayList<>(texts);
    }
}
