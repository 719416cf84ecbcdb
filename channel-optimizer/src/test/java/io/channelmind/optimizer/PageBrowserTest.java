package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.channelmind.security.Roles;
import io.channelmind.security.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Loads the service's web page in headless Chromium and checks that its script put the charts of
 * a stored attribution run, curve fit and plan into the page. Skips when /usr/bin/chromium is not
 * installed (Debian package chromium).
 */
@QuarkusTest
class PageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    @TestHTTPResource("/optimizer/")
    URL root;

    @Test
    void pageServedWithScript() {
        given().get("/optimizer/").then().statusCode(200).body(containsString("page.js"));
        given().get("/optimizer/page.js").then().statusCode(200).body(containsString("zh-CN"));
    }

    @Test
    void chromiumShowsEveryChart() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Skipped: " + CHROMIUM + " is not installed (apt-get install -y"
                + " chromium), so the page cannot be loaded in a browser");
        String attribution = given().contentType("text/csv")
                .body("path;total_conversions;total_conversion_value;total_null\nemail > sms;2;30;1\nsms;1;5;4\n")
                .queryParam("name", "browser check")
                .post("/api/v1/attribution").then().statusCode(200).extract().path("id");
        String fit = ChartApiTest.createFit("browser check");
        String plan = given().contentType(ContentType.JSON).body(Map.of("name", "browser check", "allocation", Map.of(
                        "totalBudget", 1500, "fitId", fit,
                        "channels", List.of(Map.of("channel", "tv", "currentSpend", 900),
                                Map.of("channel", "search", "currentSpend", 350)))))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        String page = "http://127.0.0.1:" + root.getPort() + "/optimizer/?lang=zh-CN&attribution=" + attribution + "&fit=" + fit
                + "&plan=" + plan + "#token=" + TestTokens.forRole(Roles.VIEWER);

        String dom = dumpDom(page);

        assertTrue(dom.contains("data-rendered=\"true\""), "the page script finished: " + dom);
        assertTrue(dom.contains("各归因模型结果"), "the headings are in Chinese: " + dom);
        assertEquals(4, count(dom, "<svg[^>]*xmlns=\"http://www.w3.org/2000/svg\""), dom);
        assertEquals(1, count(dom, "<svg[^>]*class=\"attribution-chart\""), dom);
        assertEquals(2, count(dom, "<svg[^>]*class=\"response-curve-chart\""), dom);
        assertEquals(1, count(dom, "<svg[^>]*class=\"allocation-chart\""), dom);
        assertTrue(count(dom, "<rect[^>]*data-model=\"MARKOV\"") >= 2, "Markov bars for email and sms: " + dom);
        assertEquals(4, count(dom, "<rect[^>]*data-series=\"(current|proposed)\""), dom);
        assertEquals(2, count(dom, "<circle[^>]*data-mark=\"proposed\""), "proposed spend on the plan's curves");
        assertEquals(4, count(dom, "<circle[^>]*data-mark=\"current\""), "current spend on the fit's and plan's curves");
        assertEquals(0, count(dom, "class=\"error\""), dom);
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Runs Chromium headless against the page on 127.0.0.1 and returns the DOM after the page's script ran. */
    private static String dumpDom(String page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path output = Files.createTempFile("chromium-dom", ".html");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=15000", "--dump-dom", page));
        Process chromium = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s on " + page);
            }
            assertEquals(0, chromium.exitValue(), "Chromium exit code");
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            chromium.destroyForcibly();
            Files.deleteIfExists(output);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
