package io.channelmind.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.channelmind.stack.auth.LocalAuth;
import io.channelmind.stack.cli.ServiceLauncher;
import io.channelmind.stack.cli.ServiceSpec;
import io.channelmind.stack.infra.FreePorts;
import io.channelmind.stack.infra.KafkaBroker;
import io.channelmind.stack.infra.LocalKeys;
import io.channelmind.stack.infra.MailServer;
import io.channelmind.stack.infra.PostgresServer;
import io.channelmind.stack.infra.StackTopics;

/**
 * The whole suite for one test class: Kafka, PostgreSQL and SMTP in this JVM on free ports,
 * and the five packaged services as child processes. Service logs go to
 * {@code target/e2e-logs/<test>/}.
 */
final class LocalStack implements AutoCloseable {

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final MailServer mail;
    private final List<Process> services = new ArrayList<>();
    private final Map<String, String> baseUrls = new LinkedHashMap<>();
    private final Path logDir;
    private final LocalAuth auth;

    private LocalStack(String name, Map<String, String> extraEnvironment,
            Map<String, Map<String, String>> serviceEnvironment) throws Exception {
        Path root = Path.of(System.getProperty("channelmind.root", "..")).toAbsolutePath().normalize();
        logDir = root.resolve("e2e-tests/target/e2e-logs").resolve(name);
        Files.createDirectories(logDir);

        postgres = PostgresServer.startTemporary();
        postgres.createDatabases(ServiceSpec.ALL.stream().map(ServiceSpec::database).toList());
        kafka = KafkaBroker.startTemporary();
        kafka.createTopics(StackTopics.ALL, StackTopics.PARTITIONS);
        mail = new MailServer(FreePorts.find(), null);
        mail.start();

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.put(spec.module(), FreePorts.find());
        }
        ServiceLauncher.Addresses addresses = new ServiceLauncher.Addresses(kafka.bootstrapServers(), postgres.port(),
                mail.port(), ports);
        // A fresh signing key per stack, like ./channelmind up makes one per state folder.
        auth = LocalAuth.open(logDir.resolve("auth-" + System.nanoTime()));
        ServiceLauncher launcher = new ServiceLauncher(root, logDir, auth);
        // The databases are temporary, so a fresh key-encryption key per stack is enough.
        String keyEncryptionKey = LocalKeys.keyEncryptionKey();
        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                Map<String, String> environment = new LinkedHashMap<>();
                environment.put("CHANNELMIND_CRYPTO_KEK", keyEncryptionKey);
                environment.putAll(extraEnvironment);
                environment.putAll(serviceEnvironment.getOrDefault(spec.module(), Map.of()));
                Process process = launcher.start(spec, addresses, environment);
                services.add(process);
                String url = addresses.baseUrl(spec.module());
                baseUrls.put(spec.module(), url);
                readiness.add(CompletableFuture.runAsync(
                        () -> ServiceLauncher.awaitReady(spec.module(), url, process, Duration.ofMinutes(3))));
            }
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (Exception | Error e) {
            // The caller gets no instance to close, so stop the started services and the
            // infrastructure here. Otherwise they outlive the test JVM.
            close();
            throw e;
        }
    }

    static LocalStack start(String name) throws Exception {
        return new LocalStack(name, Map.of(), Map.of());
    }

    /** Starts the stack with {@code extraEnvironment} added to every service's environment. */
    static LocalStack start(String name, Map<String, String> extraEnvironment) throws Exception {
        return new LocalStack(name, extraEnvironment, Map.of());
    }

    /**
     * Starts the stack with {@code extraEnvironment} added to every service's environment and, on
     * top, the variables that {@code serviceEnvironment} maps to a service's module name. Use the
     * latter for channel settings, because an {@code MP_MESSAGING_...} variable that names a channel
     * a service does not have makes that service fail at start.
     */
    static LocalStack start(String name, Map<String, String> extraEnvironment,
            Map<String, Map<String, String>> serviceEnvironment) throws Exception {
        return new LocalStack(name, extraEnvironment, serviceEnvironment);
    }

    Map<String, String> baseUrls() {
        return baseUrls;
    }

    /** Returns an admin bearer token signed with this stack's key, valid for an hour. */
    String adminToken() {
        return auth.token(LocalAuth.ADMIN_ROLE, java.time.Duration.ofHours(1));
    }

    MailServer mail() {
        return mail;
    }

    /** Returns the JDBC URL of a service's database, such as {@code profile}. */
    String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        for (Process process : services) {
            process.destroy();
        }
        for (Process process : services) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        mail.close();
        kafka.close();
        postgres.close();
    }
}
