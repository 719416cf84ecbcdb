package io.channelmind.stack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.channelmind.stack.auth.LocalAuth;
import io.channelmind.stack.infra.FreePorts;

/**
 * Starts, stops and reports on the local stack: one infrastructure process (Kafka,
 * PostgreSQL, SMTP) and the five services, all detached from the command that started them
 * and recorded in the state folder.
 */
public final class StackController {

    private static final String INFRA = "infra";
    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);
    private static final String AUTH_FOLDER = "auth";
    /** Lifetime of the admin token that {@code up} and {@code status --json} print. */
    public static final Duration LOGIN_TOKEN_LIFETIME = Duration.ofHours(12);

    private final StackSettings settings;
    private final ProcessRegistry registry;
    private final PrintStream out;

    public StackController(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.registry = new ProcessRegistry(settings.pids());
        this.out = out;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Tells whether the infrastructure and every service are running. */
    public boolean isRunning() {
        return registry.find(INFRA).isPresent()
                && ServiceSpec.ALL.stream().allMatch(spec -> registry.find(spec.module()).isPresent());
    }

    /** Starts whatever part of the stack is not running and waits until all of it is ready. */
    public void up() {
        createFolders();
        settings.savePorts();
        if (registry.find(INFRA).isEmpty()) {
            startInfrastructure();
        } else {
            out.println("Infrastructure already running");
        }

        ServiceLauncher launcher = new ServiceLauncher(settings.root(), settings.logs(), auth());
        ServiceLauncher.Addresses addresses = new ServiceLauncher.Addresses(settings.kafkaBootstrap(),
                settings.postgresPort(), settings.smtpPort(), settings.servicePorts());
        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (registry.find(spec.module()).isPresent()) {
                out.println(spec.module() + " already running");
                continue;
            }
            int port = settings.servicePorts().get(spec.module());
            if (FreePorts.isListening(port)) {
                throw new IllegalStateException("Port " + port + " for " + spec.module()
                        + " is taken by another program: stop it or set " + spec.portVariable());
            }
            out.println("Starting " + spec.module() + " on " + settings.baseUrl(spec.module()));
            Map<String, String> extra = new java.util.HashMap<>(switch (spec.module()) {
                case "ingestion-service" -> Map.of("CHANNELMIND_LOCAL_WRITE_KEY", localWriteKey());
                case "automation-service" -> Map.of("AUTOMATION_FEEDBACK_SIGNING_KEY", feedbackSigningKey());
                default -> Map.of();
            });
            extra.put("CHANNELMIND_CRYPTO_KEK", keyEncryptionKey());
            Process process = launcher.start(spec, addresses, extra);
            registry.record(spec.module(), process.toHandle());
            readiness.add(CompletableFuture.runAsync(() -> {
                try {
                    ServiceLauncher.awaitReady(spec.module(), settings.baseUrl(spec.module()), process, SERVICE_TIMEOUT);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + " (" + launcher.logFile(spec) + ")", e);
                }
                out.println(spec.module() + " ready");
            }));
        }
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * Returns the write key of the tracking source {@code local}, generating it on first use.
     * ingestion-service creates the source from it at start-up; the file stays in the state folder.
     */
    public String localWriteKey() {
        return stateSecret("local-write-key", 24, java.util.Base64.getUrlEncoder().withoutPadding());
    }

    /**
     * Returns the key that signs automation-service's unsubscribe, open and click links (32
     * random bytes, base64), generating it on first use. It stays in the state folder, so links
     * in mail sent before a restart keep working.
     */
    public String feedbackSigningKey() {
        return stateSecret("feedback-signing-key", 32, java.util.Base64.getEncoder());
    }

    /**
     * Returns the key-encryption key of the local stack (32 random bytes, base64), generating it
     * on first use. It wraps the data keys that encrypt personal data in the databases, so it stays
     * in the state folder as long as they do. An environment variable CHANNELMIND_CRYPTO_KEK wins.
     */
    public String keyEncryptionKey() {
        String configured = System.getenv("CHANNELMIND_CRYPTO_KEK");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return stateSecret("crypto-kek", 32, java.util.Base64.getEncoder());
    }

    /**
     * Returns the stack's signing key (an RSA key pair in {@code <state>/auth}), generating it on
     * first use. It stays in the state folder, so tokens survive a restart until they expire.
     */
    public LocalAuth auth() {
        return LocalAuth.open(settings.state().resolve(AUTH_FOLDER));
    }

    private String stateSecret(String name, int bytes, java.util.Base64.Encoder encoder) {
        Path file = settings.state().resolve(name);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[bytes];
                new java.security.SecureRandom().nextBytes(random);
                Files.createDirectories(settings.state());
                Files.writeString(file, encoder.encodeToString(random), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading or creating " + name + " in " + file + " failed. Check that the state folder is writable", e);
        }
    }

    private void startInfrastructure() {
        for (int port : List.of(settings.kafkaPort(), settings.kafkaControllerPort(), settings.postgresPort(),
                settings.smtpPort())) {
            if (FreePorts.isListening(port)) {
                throw new IllegalStateException("Port " + port + " is taken by another program: stop it or "
                        + "choose other ports with CHANNELMIND_KAFKA_PORT, CHANNELMIND_KAFKA_CONTROLLER_PORT, "
                        + "CHANNELMIND_POSTGRES_PORT and CHANNELMIND_SMTP_PORT");
            }
        }
        Path infraJson = settings.state().resolve("infra.json");
        Path log = settings.logs().resolve("infra.log");
        List<String> command = new ArrayList<>(List.of(
                ServiceLauncher.javaExecutable(),
                "-Xmx" + System.getenv().getOrDefault("CHANNELMIND_INFRA_HEAP", "768m"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                "io.channelmind.stack.infra.InfraMain",
                "--state", settings.state().toString(),
                "--kafka-port", String.valueOf(settings.kafkaPort()),
                "--kafka-controller-port", String.valueOf(settings.kafkaControllerPort()),
                "--postgres-port", String.valueOf(settings.postgresPort()),
                "--smtp-port", String.valueOf(settings.smtpPort()),
                "--databases", String.join(",", ServiceSpec.ALL.stream().map(ServiceSpec::database).toList())));
        out.println("Starting Kafka, PostgreSQL and SMTP (state in " + settings.state() + ")");
        try {
            Files.deleteIfExists(infraJson);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            registry.record(INFRA, process.toHandle());
            long deadline = System.nanoTime() + INFRA_TIMEOUT.toNanos();
            while (!Files.exists(infraJson)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The infrastructure process exited with code "
                            + process.exitValue() + ":\n" + tail(log, 30));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka, PostgreSQL and SMTP were not ready within "
                            + INFRA_TIMEOUT.toSeconds() + " s; see " + log);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Starting the infrastructure failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the infrastructure", e);
        }
        out.println("Kafka " + settings.kafkaBootstrap() + ", PostgreSQL 127.0.0.1:" + settings.postgresPort()
                + ", SMTP 127.0.0.1:" + settings.smtpPort() + " ready");
    }

    /** Stops the services, then the infrastructure; with {@code purge} also deletes the state folder. */
    public void down(boolean purge) {
        boolean stoppedAny = false;
        List<ServiceSpec> stopOrder = new ArrayList<>(ServiceSpec.ALL);
        java.util.Collections.reverse(stopOrder);
        for (ServiceSpec spec : stopOrder) {
            if (registry.stop(spec.module(), Duration.ofSeconds(20))) {
                out.println("Stopped " + spec.module());
                stoppedAny = true;
            }
        }
        if (registry.stop(INFRA, Duration.ofSeconds(60))) {
            out.println("Stopped Kafka, PostgreSQL and SMTP");
            stoppedAny = true;
        }
        if (!stoppedAny && !purge) {
            out.println("Nothing was running");
        }
        if (purge) {
            deleteRecursively(settings.state());
            out.println("Removed " + settings.state());
        }
    }

    /** Returns what runs where, in the stable shape of {@code status --json}. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, String> services = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String url = settings.baseUrl(spec.module());
            services.put(spec.module(), url);
            states.put(spec.module(), describe(registry.find(spec.module()), url));
        }
        status.put("services", services);
        status.put("kafka", settings.kafkaBootstrap());
        status.put("postgres", settings.jdbcUrl("postgres"));
        status.put("smtp", "127.0.0.1:" + settings.smtpPort());
        status.put("state", settings.state().toString());
        if (Files.exists(settings.state().resolve("local-write-key"))) {
            status.put("writeKey", localWriteKey());
        }
        if (Files.exists(settings.state().resolve(AUTH_FOLDER))) {
            status.put("adminToken", auth().token(LocalAuth.ADMIN_ROLE, LOGIN_TOKEN_LIFETIME));
        }
        states.put("infrastructure", registry.find(INFRA).map(handle -> "running (pid " + handle.pid() + ")")
                .orElse("stopped"));
        status.put("processes", states);
        status.put("mailReceived", countMail());
        return status;
    }

    private String describe(Optional<ProcessHandle> process, String url) {
        if (process.isEmpty()) {
            return "stopped";
        }
        return (ServiceLauncher.isReady(url) ? "ready" : "starting or unhealthy") + " (pid " + process.get().pid() + ")";
    }

    private long countMail() {
        Path mail = settings.state().resolve("mail");
        if (!Files.isDirectory(mail)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(mail)) {
            return files.filter(file -> file.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private void createFolders() {
        try {
            Files.createDirectories(settings.logs());
            Files.createDirectories(settings.pids());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state folder " + settings.state(), e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }
}
