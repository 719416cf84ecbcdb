package io.channelmind.stack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.channelmind.stack.auth.LocalAuth;

/**
 * Starts a service's packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar})
 * as a child process with the stack's addresses in its environment, and waits for its
 * readiness check.
 */
public final class ServiceLauncher {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final Path logDir;
    private final LocalAuth auth;

    /** {@code auth} is the key that the services verify tokens with and sign their service tokens with. */
    public ServiceLauncher(Path root, Path logDir, LocalAuth auth) {
        this.root = root;
        this.logDir = logDir;
        this.auth = auth;
    }

    /** The addresses a service needs: the infrastructure and the other services. */
    public record Addresses(String kafkaBootstrap, int postgresPort, int smtpPort, Map<String, Integer> servicePorts) {

        public String baseUrl(String module) {
            return "http://127.0.0.1:" + servicePorts.get(module);
        }
    }

    public Path jar(ServiceSpec spec) {
        return root.resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path logFile(ServiceSpec spec) {
        return logDir.resolve(spec.module() + ".log");
    }

    public Process start(ServiceSpec spec, Addresses addresses) {
        return start(spec, addresses, Map.of());
    }

    /** Starts the service with {@code extraEnvironment} added to the stack's addresses. */
    public Process start(ServiceSpec spec, Addresses addresses, Map<String, String> extraEnvironment) {
        Path jar = jar(spec);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + System.getenv().getOrDefault("CHANNELMIND_SERVICE_HEAP", "384m"));
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve(spec.module()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(spec).toFile()));
        builder.environment().putAll(environment(spec, addresses));
        builder.environment().putAll(auth.environment(spec.module()));
        builder.environment().putAll(extraEnvironment);
        try {
            Files.createDirectories(logDir);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting " + spec.module() + " failed", e);
        }
    }

    /** Returns the Quarkus configuration, as environment variables, that points a service at the stack. */
    public static Map<String, String> environment(ServiceSpec spec, Addresses addresses) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(addresses.servicePorts().get(spec.module())));
        // The local stack serves loopback only; in Kubernetes the default 0.0.0.0 applies.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", addresses.kafkaBootstrap());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://127.0.0.1:" + addresses.postgresPort() + "/" + spec.database());
        env.put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:" + addresses.postgresPort() + "/" + spec.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(addresses.smtpPort()));
        env.put("QUARKUS_REST_CLIENT_PROFILE_SERVICE_URL", addresses.baseUrl("profile-service"));
        env.put("QUARKUS_REST_CLIENT_CONTENT_SERVICE_URL", addresses.baseUrl("content-service"));
        env.put("QUARKUS_REST_CLIENT_CHANNEL_OPTIMIZER_URL", addresses.baseUrl("channel-optimizer"));
        // channel-optimizer reads profile-service's interest vectors when it retrains its response model.
        env.put("CHANNELMIND_OPTIMIZER_PROFILE_SERVICE_URL", addresses.baseUrl("profile-service"));
        env.put("AUTOMATION_MAIL_UNSUBSCRIBE_BASE_URL", addresses.baseUrl("automation-service") + "/api/v1/unsubscribe");
        env.put("AUTOMATION_FEEDBACK_TRACKING_BASE_URL", addresses.baseUrl("automation-service") + "/api/v1/feedback");
        // The demo waits until every recipient was processed, at any time of day, so the local
        // stack turns quiet hours off unless the caller's environment sets them.
        if (!System.getenv().containsKey("AUTOMATION_QUIET_HOURS_START")) {
            env.put("AUTOMATION_QUIET_HOURS_START", "00:00");
            env.put("AUTOMATION_QUIET_HOURS_END", "00:00");
        }
        // The local stack runs on one machine, where a model server or provider mock listens on
        // loopback, so outbound calls may reach loopback unless the caller sets its own allow-list.
        if (!System.getenv().containsKey("CHANNELMIND_EGRESS_ALLOW_LIST")) {
            env.put("CHANNELMIND_EGRESS_ALLOW_LIST", "127.0.0.1,::1,localhost");
        }
        return env;
    }

    /**
     * Polls {@code /q/health/ready} until it returns 200. Fails early when the process exits,
     * and after the timeout.
     */
    public static void awaitReady(String module, String baseUrl, Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        String lastBody = "";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(module + " exited with code " + process.exitValue()
                        + " before it was ready; see its log");
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastBody = response.body();
            } catch (IOException e) {
                lastBody = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + module, e);
            }
            sleep(500);
        }
        throw new IllegalStateException(module + " was not ready at " + baseUrl + " within "
                + timeout.toSeconds() + " s; last health response: " + lastBody);
    }

    /** Tells whether {@code /q/health/ready} returns 200 right now. */
    public static boolean isReady(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
