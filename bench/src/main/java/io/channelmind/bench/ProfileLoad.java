package io.channelmind.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load driver of bench/profile-benchmark.sh, in four steps chosen by the first argument:
 *
 * <ul>
 *   <li>{@code produce}: writes {@code --events} customer events over {@code --profiles}
 *       profiles to {@code cm.customer-events} (created with 6 partitions, as in the chart, unless it exists): one
 *       {@code identify} per profile with an e-mail, consent and two free traits, then
 *       {@code conversion} purchases without product texts (so no embedding is computed) spread
 *       over the 180 days before {@code --as-of}. All carry {@code source.importId}.</li>
 *   <li>{@code consume}: the baseline, a plain {@code KafkaConsumer} loop of a new group that
 *       reads the topic from the start and parses each value into a Jackson tree, timed from the
 *       first record to the last.</li>
 *   <li>{@code apply}: polls profile-service's {@code /api/v1/imports/{importId}/progress}
 *       every 50 ms until it counts every event, and prints the time from the first applied
 *       batch to the last, the service's CPU time in it and its peak resident memory
 *       ({@code VmHWM}).</li>
 *   <li>{@code segments}: creates three segments (a trait rule, a feature rule and an event
 *       window) and times creation and {@code POST /api/v1/segments/{name}/evaluate} of each.</li>
 * </ul>
 *
 * <p>Every step prints {@code key=value} lines for the script.
 */
public final class ProfileLoad {

    private static final String TOPIC = "cm.customer-events";
    private static final int PARTITIONS = 6;
    private static final String[] COUNTRIES = {"United Kingdom", "Germany", "France", "China", "Spain", "Norway"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, 1);
        switch (args[0]) {
            case "produce" -> produce(options);
            case "consume" -> consume(options);
            case "apply" -> apply(options);
            case "segments" -> segments(options);
            default -> throw new IllegalArgumentException("Invalid step " + args[0]
                    + "; use produce, consume, apply or segments");
        }
    }

    private static void produce(Map<String, String> options) throws Exception {
        String bootstrap = Options.required(options, "bootstrap");
        long events = Long.parseLong(Options.required(options, "events"));
        int profiles = Integer.parseInt(Options.required(options, "profiles"));
        String importId = Options.required(options, "import-id");
        Instant asOf = Instant.parse(Options.required(options, "as-of"));
        if (events < profiles) {
            throw new IllegalArgumentException("--events must be at least --profiles (one identify each)");
        }

        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // InfraMain creates the stack's topics; keep it as it is.
            }
            partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
        }

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

        Random random = new Random(42);
        long bytes = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < events; i++) {
                // The first round identifies every profile; later events are purchases of a random one.
                boolean identify = i < profiles;
                int profile = identify ? (int) i : random.nextInt(profiles);
                String profileKey = "bench:p-" + profile;
                ObjectNode event = JSON.createObjectNode();
                event.put("schemaVersion", 1);
                event.put("eventId", importId + "-" + i);
                event.put("type", identify ? "identify" : "conversion");
                event.put("profileKey", profileKey);
                Instant occurredAt = asOf.minusSeconds(random.nextInt(180 * 24 * 3600));
                event.put("occurredAt", occurredAt.toString());

                ObjectNode traits = event.putObject("traits");
                if (identify) {
                    event.putNull("channel");
                    traits.put("email", "p-" + profile + "@bench.invalid");
                    traits.put("country", COUNTRIES[profile % COUNTRIES.length]);
                    traits.put("age", 18 + profile % 60);
                    traits.putObject("consent").put("email", profile % 3 != 0);
                } else {
                    event.put("channel", "email");
                    event.put("value", Math.round(random.nextDouble() * 40000) / 100.0);
                    event.put("currency", "GBP");
                    traits.put("invoiceNo", "B" + i);
                    traits.put("quantity", 1 + random.nextInt(5));
                }
                ObjectNode source = event.putObject("source");
                source.put("kind", "import");
                source.put("importId", importId);
                source.put("mapping", "bench");
                source.put("row", i + 1);

                String value = JSON.writeValueAsString(event);
                bytes += value.length();
                producer.send(new ProducerRecord<>(TOPIC, profileKey, value));
            }
            producer.flush();
        }
        System.out.printf("produce.events=%d%n", events);
        System.out.printf("produce.profiles=%d%n", profiles);
        System.out.printf("produce.mean_bytes=%d%n", bytes / events);
        System.out.printf("produce.partitions=%d%n", partitions);
    }

    private static void consume(Map<String, String> options) throws Exception {
        long events = Long.parseLong(Options.required(options, "events"));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Options.required(options, "bootstrap"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The same poll size as profile-service's cm.customer-events channel.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        long read = 0;
        long first = 0;
        long last = 0;
        long checksum = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            while (read < events && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    if (read == 0) {
                        first = System.nanoTime();
                    }
                    JsonNode event = JSON.readTree(record.value());
                    checksum += event.path("profileKey").asText().length();
                    read++;
                }
                if (!records.isEmpty()) {
                    last = System.nanoTime();
                }
            }
            consumer.commitSync();
        }

        if (read < events) {
            throw new IllegalStateException("The bare consumer read only " + read + " of " + events + " events in 10 minutes");
        }
        double seconds = (last - first) / 1e9;
        System.out.printf("consume.events=%d%n", read);
        System.out.printf("consume.seconds=%.2f%n", seconds);
        System.out.printf("consume.events_per_second=%.0f%n", read / seconds);
        System.out.printf("consume.checksum=%d%n", checksum);
    }

    private static void apply(Map<String, String> options) throws Exception {
        long events = Long.parseLong(Options.required(options, "events"));
        long pid = Long.parseLong(Options.required(options, "service-pid"));
        URI progress = URI.create(Options.required(options, "url") + "/api/v1/imports/" + Options.required(options, "import-id")
                + "/progress");
        HttpClient http = HttpClient.newHttpClient();

        long first = 0;
        long last = 0;
        long applied = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long previous = 0;
        long firstSeen = 0;
        int clockTicks = Integer.parseInt(options.getOrDefault("clock-ticks", "100"));
        double firstCpu = 0;
        double lastCpu = 0;
        while (applied < events && System.nanoTime() < deadline) {
            try {
                applied = JSON.readTree(get(http, progress)).path("eventsConsumed").asLong();
            } catch (ConnectException | IllegalStateException notReady) {
                // The service is still starting; its consumer may already be applying events,
                // which the first count then leaves out of the rate.
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException("profile-service exited before applying the events; see its log", notReady);
                }
                Thread.sleep(50);
                continue;
            }
            long now = System.nanoTime();
            if (applied > 0 && first == 0) {
                first = now;
                firstSeen = applied;
                firstCpu = cpuSeconds(pid, clockTicks);
            }
            if (applied != previous) {
                last = now;
                lastCpu = cpuSeconds(pid, clockTicks);
                previous = applied;
            }
            Thread.sleep(50);
        }

        if (applied < events) {
            throw new IllegalStateException("profile-service applied only " + applied + " of " + events
                    + " events in 30 minutes");
        }
        // The events counted at the first poll were applied before the interval starts, so they
        // are left out of the rate.
        double seconds = (last - first) / 1e9;
        System.out.printf("apply.events=%d%n", applied);
        System.out.printf("apply.seconds=%.2f%n", seconds);
        System.out.printf("apply.events_per_second=%.0f%n", seconds > 0 ? (applied - firstSeen) / seconds : 0);
        System.out.printf("apply.peak_rss_mb=%d%n", peakRssKb(pid) / 1024);
        System.out.printf("apply.service_cpu_seconds=%.1f%n", lastCpu - firstCpu);
        System.out.printf("apply.cores=%d%n", Runtime.getRuntime().availableProcessors());
    }

    private static void segments(Map<String, String> options) throws Exception {
        String url = Options.required(options, "url");
        String asOf = Options.required(options, "as-of");
        HttpClient http = HttpClient.newHttpClient();
        // One rule of each kind: a free trait, a feature (RFM), an event window.
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("bench-trait", "trait.country = 'Germany' and consent.email = true");
        rules.put("bench-feature", "frequency >= 4 and monetary > 800 and recencyDays <= 30");
        rules.put("bench-window", "count(purchase, 30d) >= 2 and sum(purchase.value, 30d) > 300");
        for (Map.Entry<String, String> segment : rules.entrySet()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("name", segment.getKey());
            body.put("rule", segment.getValue());
            body.put("asOf", asOf);
            long start = System.nanoTime();
            JsonNode created = JSON.readTree(post(http, URI.create(url + "/api/v1/segments"), JSON.writeValueAsString(body), 201));
            double createSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            JsonNode evaluated = JSON.readTree(post(http,
                    URI.create(url + "/api/v1/segments/" + segment.getKey() + "/evaluate"), "", 200));
            double evaluateSeconds = (System.nanoTime() - start) / 1e9;
            String prefix = "segment." + segment.getKey();
            System.out.printf("%s.rule=%s%n", prefix, segment.getValue());
            System.out.printf("%s.create_seconds=%.2f%n", prefix, createSeconds);
            System.out.printf("%s.evaluate_seconds=%.2f%n", prefix, evaluateSeconds);
            System.out.printf("%s.size=%d%n", prefix, evaluated.path("size").asLong());
            System.out.printf("%s.created_size=%s%n", prefix, created.path("size").asText());
        }
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String post(HttpClient http, URI uri, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + uri + " returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Returns the user and system CPU time of the process in seconds, from {@code /proc/PID/stat}. */
    private static double cpuSeconds(long pid, int clockTicks) throws IOException {
        // Fields 14 and 15 are utime and stime, counted after the command name in parentheses.
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) clockTicks;
    }

    /** Peak resident set size of the process in kB, from {@code VmHWM} in {@code /proc/PID/status}. */
    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Adds the admin token of the benchmark run (CHANNELMIND_BENCH_TOKEN, set by bench/bench-keys.sh), when there is one. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = System.getenv("CHANNELMIND_BENCH_TOKEN");
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }
}
