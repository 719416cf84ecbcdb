package io.channelmind.stack.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs the local stack's infrastructure in one JVM: PostgreSQL with one database per
 * service, a KRaft Kafka broker with the suite's topics, and an SMTP server that stores
 * mail. It writes {@code infra.json} into the state folder once all three accept
 * connections, and stops them on SIGTERM.
 *
 * <p>Arguments: {@code --state DIR --kafka-port N --kafka-controller-port N
 * --postgres-port N --smtp-port N --databases a,b,c}, and optionally {@code --smtp-mode sink}
 * for benchmarks. In that mode the SMTP server delivers every recipient to one inbox, empties it
 * twice a second and writes no mail files ({@link MailServer#sink(int)}). The default mode,
 * {@code store}, keeps every message and writes it to {@code STATE/mail}.
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path state = Path.of(required(options, "state")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(required(options, "kafka-port"));
        int controllerPort = Integer.parseInt(required(options, "kafka-controller-port"));
        int postgresPort = Integer.parseInt(required(options, "postgres-port"));
        int smtpPort = Integer.parseInt(required(options, "smtp-port"));
        List<String> databases = Arrays.asList(required(options, "databases").split(","));

        Path infraFile = state.resolve("infra.json");
        Files.deleteIfExists(infraFile);

        long started = System.nanoTime();
        PostgresServer postgres = PostgresServer.start(state.resolve("postgres"), postgresPort);
        postgres.createDatabases(databases);
        log("PostgreSQL ready on 127.0.0.1:" + postgresPort + " with databases " + databases);

        KafkaBroker kafka = new KafkaBroker(state.resolve("kafka"), kafkaPort, controllerPort);
        kafka.start();
        kafka.createTopics(StackTopics.ALL, StackTopics.PARTITIONS);
        log("Kafka ready on " + kafka.bootstrapServers() + " with topics " + StackTopics.ALL);

        String smtpMode = options.getOrDefault("smtp-mode", "store");
        MailServer mail = switch (smtpMode) {
            case "store" -> new MailServer(smtpPort, state.resolve("mail"));
            case "sink" -> MailServer.sink(smtpPort);
            default -> throw new IllegalArgumentException("Invalid argument --smtp-mode '" + smtpMode
                    + "': expected 'store' (keep every message, the default) or 'sink' (benchmarks)");
        };
        mail.start();
        log("sink".equals(smtpMode)
                ? "SMTP ready on 127.0.0.1:" + smtpPort + " in sink mode: one inbox, emptied every "
                        + MailServer.SINK_PURGE_MILLIS + " ms, no mail files"
                : "SMTP ready on 127.0.0.1:" + smtpPort + ", storing mail in " + state.resolve("mail"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("Stopping SMTP, Kafka and PostgreSQL");
            if ("sink".equals(smtpMode)) {
                log("The SMTP sink delivered " + mail.sinkDeliveries() + " recipients");
            }
            closeQuietly(mail);
            closeQuietly(kafka);
            closeQuietly(postgres);
            stopped.countDown();
        }, "infra-shutdown"));

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pid", ProcessHandle.current().pid());
        info.put("kafka", kafka.bootstrapServers());
        info.put("postgres", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/");
        info.put("postgresPort", postgresPort);
        info.put("smtp", "127.0.0.1:" + smtpPort);
        info.put("startupMillis", (System.nanoTime() - started) / 1_000_000);
        writeAtomically(infraFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(info));
        log("Infrastructure ready in " + info.get("startupMillis") + " ms");

        stopped.await();
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Invalid argument '" + args[i] + "': expected --name value pairs");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing argument --" + name);
        }
        return value;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("Stopping " + closeable.getClass().getSimpleName() + " failed: " + e);
        }
    }

    private static void log(String message) {
        System.out.println(java.time.Instant.now() + " " + message);
    }
}
