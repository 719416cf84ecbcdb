package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Checks the business metrics that the services register with Micrometer, read from their
 * sources: each name follows {@code channelmind.<service area>.<counted thing>} with the area of
 * its own service, and docs/observability.md lists it in its Prometheus form, which the
 * dashboards and alerts of operators depend on.
 */
class MetricNamesTest {

    /** Service area of each component, the second part of its metric names. */
    private static final Map<String, String> AREAS = Map.of("ingestion-service", "ingestion",
            "profile-service", "profile", "content-service", "content", "channel-optimizer", "optimizer",
            "automation-service", "automation");

    // The first argument of a Micrometer registration: a string literal or a constant of the same file.
    private static final Pattern REGISTRATION = Pattern.compile(
            "\\b(?:counter|builder|gauge|timer|summary)\\(\\s*(\"channelmind\\.[^\"]+\"|[A-Z][A-Z0-9_]*)\\s*[,)]");
    private static final Pattern METRIC_NAME = Pattern.compile("^channelmind\\.([a-z]+)(\\.[a-z][a-z0-9]*)+$");

    @Test
    void metricsFollowNamingScheme() {
        Map<String, String> metrics = registeredMetrics();
        assertFalse(metrics.isEmpty(), "no channelmind.* metric found in the sources");

        metrics.forEach((name, component) -> {
            Matcher matcher = METRIC_NAME.matcher(name);
            assertTrue(matcher.matches(), name + " of " + component + " is not channelmind.<area>.<thing> in lower case");
            assertEquals(AREAS.get(component), matcher.group(1),
                    name + " of " + component + " must start with channelmind." + AREAS.get(component));
        });
    }

    @Test
    void metricsAreDocumented() throws IOException {
        String documentation = Files.readString(repository().resolve("docs/observability.md"));

        registeredMetrics().forEach((name, component) -> {
            String prometheusName = name.replace('.', '_');
            assertTrue(documentation.contains("`" + prometheusName + "_total`")
                    || documentation.contains("`" + prometheusName + "`"),
                    prometheusName + " (" + component + ") is missing from the metrics table of docs/observability.md");
        });
    }

    /** Returns each channelmind.* metric name registered in the services' main sources, with its component. */
    static Map<String, String> registeredMetrics() {
        Map<String, String> metrics = new TreeMap<>();
        for (String component : AREAS.keySet()) {
            try (Stream<Path> files = Files.walk(repository().resolve(component).resolve("src/main/java"))) {
                for (Path file : files.filter(candidate -> candidate.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher registration = REGISTRATION.matcher(source);
                    while (registration.find()) {
                        String name = resolve(registration.group(1), source);
                        if (name != null) {
                            metrics.put(name, component);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return metrics;
    }

    /** Returns the metric name of a literal, or of a constant declared in the source; null for anything else. */
    private static String resolve(String argument, String source) {
        if (argument.startsWith("\"")) {
            return argument.substring(1, argument.length() - 1);
        }
        Matcher constant = Pattern.compile("\\b" + argument + "\\s*=\\s*\"(channelmind\\.[^\"]+)\"").matcher(source);
        return constant.find() ? constant.group(1) : null;
    }

    private static Path repository() {
        return ValuesCase.k8sDir().getParent();
    }
}
