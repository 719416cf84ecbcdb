package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks each service's container build inputs. The files that src/main/docker/Dockerfile.jvm
 * copies exist in the JVM build output, and Dockerfile.native is a Mandrel multi-stage build for
 * a non-root user. The native sources build, which runs in the verify phase of each service,
 * wrote target/native-sources with the Kafka payload records registered for reflection. Checks
 * of build output are skipped, with the reason, when the service has not been built in this tree.
 */
class ServiceImageLayoutTest {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(target/\\S+)\\s+(\\S+)$");

    /** One Kafka payload record per service that must be registered for reflection. */
    private static final Map<String, String> PAYLOAD_RECORDS = Map.of(
            "ingestion-service", "io.channelmind.ingestion.messaging.CustomerEvent",
            "profile-service", "io.channelmind.profile.domain.CustomerEvent",
            "content-service", "io.channelmind.content.messaging.DeliveryEvent",
            "channel-optimizer", "io.channelmind.optimizer.messaging.SpendEvent",
            "automation-service", "io.channelmind.automation.messaging.DeliveryEvent");

    static Stream<String> components() {
        return ChartObjectsTest.COMPONENTS.stream();
    }

    @ParameterizedTest
    @MethodSource("components")
    void jvmDockerfileCopiesFastJarLayout(String component) throws IOException {
        Path module = moduleDir(component);
        List<String> lines = dockerfileLines(module.resolve("src/main/docker/Dockerfile.jvm"));
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            Matcher copy = COPY.matcher(line);
            if (copy.matches()) {
                sources.add(copy.group(1));
            }
        }

        assertEquals(List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/"), sources, "COPY sources of Dockerfile.jvm of " + component);
        assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), "JAVA_APP_JAR of " + component);
        assertNonRootUser(lines, component + " Dockerfile.jvm");

        Path app = module.resolve("target/quarkus-app");
        Assumptions.assumeTrue(Files.isDirectory(app), component + " is not built; run ./mvnw verify to check "
                + app);
        for (String directory : List.of("lib", "app", "quarkus")) {
            assertTrue(Files.isDirectory(app.resolve(directory)), app.resolve(directory) + " exists");
        }
        assertTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")), app.resolve("quarkus-run.jar") + " exists");
    }

    @ParameterizedTest
    @MethodSource("components")
    void nativeDockerfileBuildsWithMandrel(String component) throws IOException {
        List<String> lines = dockerfileLines(moduleDir(component).resolve("src/main/docker/Dockerfile.native"));
        List<String> stages = lines.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertEquals(2, stages.size(), "stages of Dockerfile.native of " + component);
        assertTrue(stages.get(0).startsWith("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:"),
                "builder stage of " + component + ": " + stages.get(0));
        assertTrue(stages.get(1).startsWith("FROM quay.io/quarkus/ubi9-quarkus-micro-image:"),
                "runtime stage of " + component + ": " + stages.get(1));
        assertTrue(lines.contains("RUN ./mvnw -B -Pnative -pl " + component + " -am package -DskipTests"),
                "native build command of " + component);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("COPY --from=build ")
                && line.contains("/code/" + component + "/target/*-runner /work/application")),
                "runtime stage copies the executable of " + component);
        assertNonRootUser(lines, component + " Dockerfile.native");
    }

    @ParameterizedTest
    @MethodSource("components")
    void nativeSourcesRegisterPayloads(String component) throws IOException {
        Path nativeSources = moduleDir(component).resolve("target/native-sources");
        Assumptions.assumeTrue(Files.isDirectory(nativeSources), component + " has no native sources; run ./mvnw verify"
                + " (the native-sources execution runs in the verify phase) to check " + nativeSources);
        String runnerJar = component + "-0.1.0-SNAPSHOT-runner.jar";

        String arguments = Files.readString(nativeSources.resolve("native-image.args"));
        assertTrue(arguments.contains("-jar " + runnerJar), "native-image.args of " + component + " builds " + runnerJar);
        assertTrue(Files.isRegularFile(nativeSources.resolve(runnerJar)), runnerJar + " exists");
        try (Stream<Path> libraries = Files.list(nativeSources.resolve("lib"))) {
            assertNotEquals(0, libraries.count(), "libraries in " + nativeSources.resolve("lib"));
        }

        String reflection = reflectionConfig(nativeSources.resolve(runnerJar));
        assertTrue(reflection.contains("\"" + PAYLOAD_RECORDS.get(component) + "\""),
                PAYLOAD_RECORDS.get(component) + " is registered for reflection in " + runnerJar);
    }

    private static void assertNonRootUser(List<String> lines, String where) {
        List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
        assertFalse(users.isEmpty(), where + " sets USER");
        String last = users.get(users.size() - 1);
        assertFalse(last.equals("USER root") || last.equals("USER 0"), where + " runs as " + last);
    }

    /** Returns the reflect-config.json files that Quarkus generated into the runner jar, joined. */
    private static String reflectionConfig(Path jar) throws IOException {
        StringBuilder config = new StringBuilder();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().endsWith("reflect-config.json")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        config.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return config.toString();
    }

    private static List<String> dockerfileLines(Path dockerfile) throws IOException {
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " exists");
        return Files.readAllLines(dockerfile).stream().map(String::trim).filter(line -> !line.startsWith("#")).toList();
    }

    private static Path moduleDir(String component) {
        return ValuesCase.k8sDir().resolve("..").resolve(component).normalize();
    }
}
