package io.channelmind.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.profile.messaging.Topics;
import io.channelmind.security.Roles;
import io.channelmind.security.testing.TestTokens;
import io.channelmind.stack.infra.FreePorts;
import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;

/**
 * Runs two packaged profile-service processes in one consumer group on a 4-partition
 * {@code cm.customer-events}, stops one with SIGTERM in the middle of the stream, and checks that
 * the profiles equal those of a single process that read the same events from a broker and
 * database of its own: no event lost and none applied twice.
 */
class ScaleOutIT {

    private static final Logger LOG = Logger.getLogger(ScaleOutIT.class);
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROFILES = 200;
    private static final int EVENTS = 6_000;
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final String[] CHANNELS = {"email", "sms", "push"};
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(300);

    private static final KafkaTestResource SHARED_KAFKA = new KafkaTestResource();
    private static final PostgresTestResource SHARED_POSTGRES = new PostgresTestResource();
    private static final KafkaTestResource SINGLE_KAFKA = new KafkaTestResource();
    private static final PostgresTestResource SINGLE_POSTGRES = new PostgresTestResource();
    private static Map<String, String> sharedConfig;
    private static Map<String, String> singleConfig;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void startInfrastructure() {
        Map<String, String> kafka = Map.of("topics", String.join(",", Topics.CUSTOMER_EVENTS, Topics.DELIVERIES,
                Topics.OFFERS, Topics.SEGMENT_MEMBERSHIP, Topics.PROFILE_MERGED, Topics.CONSENT_CHANGES,
                Topics.PRIVACY_REQUESTS, Topics.PRIVACY_CONFIRMATIONS), "partitions", "4");
        SHARED_KAFKA.init(kafka);
        SINGLE_KAFKA.init(kafka);
        SHARED_POSTGRES.init(Map.of("database", "profile"));
        SINGLE_POSTGRES.init(Map.of("database", "profile"));
        sharedConfig = new LinkedHashMap<>(SHARED_KAFKA.start());
        sharedConfig.putAll(SHARED_POSTGRES.start());
        singleConfig = new LinkedHashMap<>(SINGLE_KAFKA.start());
        singleConfig.putAll(SINGLE_POSTGRES.start());
    }

    @AfterAll
    static void stopInfrastructure() {
        SHARED_POSTGRES.stop();
        SHARED_KAFKA.stop();
        SINGLE_POSTGRES.stop();
        SINGLE_KAFKA.stop();
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void stoppedInstanceHandsOverPartitions() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " is missing: run the failsafe tests after mvn package");
        List<Map<String, Object>> events = events(new Random(Long.getLong("channelmind.scale-out-test.seed", 4L)));
        int first = start("pair-a", sharedConfig);
        int second = start("pair-b", sharedConfig);
        // The stream is produced at a steady rate while pair-b stops, so the stop falls in its middle.
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> send(sharedConfig, events, 50));
        awaitConsumed(first, EVENTS / 4);
        double appliedByA = applied(first);
        double appliedByB = applied(second);
        boolean streamRunning = !producing.isDone();
        Process stopped = processes.get(1);
        stopped.destroy();
        assertTrue(stopped.waitFor(60, TimeUnit.SECONDS), "pair-b did not stop within 60 s");
        long consumedAtStop = consumed(first);
        LOG.infof("Stopped pair-b; %d records were consumed once it had stopped; before, pair-a had applied %.0f "
                + "events and pair-b %.0f",
                consumedAtStop, appliedByA, appliedByB);
        producing.get(120, TimeUnit.SECONDS);
        awaitConsumed(first, EVENTS);

        assertTrue(appliedByA > 0, "pair-a applied events before the stop");
        assertTrue(appliedByB > 0, "pair-b applied events before the stop, so it had partitions");
        assertTrue(streamRunning, "the stream was still being produced when pair-b was stopped");
        int single = start("single", singleConfig);
        send(singleConfig, events, EVENTS);
        awaitConsumed(single, EVENTS);

        long contacts = 0;
        for (int i = 0; i < PROFILES; i++) {
            String key = key(i);
            JsonNode shared = withoutSmoothedRates(get(first, "/api/v1/profiles/" + key));
            JsonNode alone = withoutSmoothedRates(get(single, "/api/v1/profiles/" + key));
            assertEquals(alone.toString(), shared.toString(), "profile " + key);
            contacts += shared.path("contacts").asLong();
        }
        long expectedContacts = events.stream().filter(event -> "contact".equals(event.get("type"))).count();
        assertEquals(expectedContacts, contacts, "contacts summed over all profiles");
    }

    /**
     * Removes the smoothed rates of each channel. They are computed when the profile is read,
     * from a channel-wide prior that each instance caches for 60 s, so two instances with the
     * same stored profile can show them from different moments.
     */
    private static JsonNode withoutSmoothedRates(JsonNode profile) {
        for (JsonNode channel : profile.path("channels")) {
            ((ObjectNode) channel).remove(List.of("responseRate", "openRate", "clickRate", "conversionRate"));
        }
        return profile;
    }

    private static List<Map<String, Object>> events(Random random) {
        List<Map<String, Object>> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String key = key(random.nextInt(PROFILES));
            Instant at = T0.plusSeconds(60L * i);
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            events.add(random.nextInt(4) == 0
                    ? TestEvents.conversion(key, at, channel, 1 + random.nextInt(100))
                    : TestEvents.contact(key, at, channel));
        }
        return events;
    }

    private static String key(int index) {
        return String.format(Locale.ROOT, "scale:p-%04d", index);
    }

    /** Sends the events in chunks of {@code chunk}, pausing 100 ms after each. */
    private static void send(Map<String, String> config, List<Map<String, Object>> events, int chunk) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> event = events.get(i);
                producer.send(new ProducerRecord<>(Topics.CUSTOMER_EVENTS, (String) event.get("profileKey"),
                        JSON.writeValueAsString(event)));
                if ((i + 1) % chunk == 0) {
                    producer.flush();
                    Thread.sleep(100);
                }
            }
            producer.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Test events are plain maps and always serialise", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending test events", e);
        }
    }

    /** Returns the customer events this process has applied, from its Prometheus metrics. */
    private double applied(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines()
                .filter(line -> line.startsWith("channelmind_profile_events_total{"))
                .filter(line -> line.contains("outcome=\"applied\"") && line.contains(Topics.CUSTOMER_EVENTS))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Starts a packaged profile-service and returns its HTTP port once it responds. */
    private int start(String name, Map<String, String> config) throws Exception {
        int port = FreePorts.find();
        Path log = Path.of("target/scale-out-it/" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        config.forEach((key, value) -> builder.environment()
                .put(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("CHANNELMIND_AUTH_PUBLIC_KEY", TestTokens.publicKey());
        Process process = builder.start();
        processes.add(process);
        // A loaded machine needs minutes to start the service, which loads the embedding model.
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), name + " stopped at start; see " + log);
            try {
                get(port, "/api/v1/stats");
                return port;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(name + " did not respond within " + STARTUP_WAIT.toSeconds() + " s; see " + log);
    }

    private long consumed(int port) throws Exception {
        return get(port, "/api/v1/stats").path("eventsConsumed").asLong();
    }

    private void awaitConsumed(int port, long target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (consumed(port) < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Fewer than " + target + " events consumed within 180 s: " + consumed(port));
            }
            Thread.sleep(100);
        }
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestTokens.forRole(Roles.ADMIN)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " returned " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
