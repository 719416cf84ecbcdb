package io.channelmind.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Sends batches of tracking calls to {@code POST /v1/batch} from several client threads for a
 * fixed time and prints the sustained events/s and the request latency percentiles. Afterwards
 * it reads a sample of the records the service produced and prints their mean size, so the
 * Kafka producer ceiling can be measured with records of the same size.
 *
 * <p>Options: {@code --url http://127.0.0.1:PORT --write-key KEY --bootstrap HOST:PORT
 * [--clients 8] [--batch-size 100] [--warmup-seconds 10] [--seconds 30]}.
 */
public final class TrackingLoad {

    private static final String TOPIC = "cm.customer-events";
    private static final int SIZE_SAMPLE = 2000;

    private TrackingLoad() {
    }

    /** Latencies of the accepted requests of one client thread, in microseconds, and its failures. */
    private record ClientResult(long[] latenciesMicros, int count, long events, long failures) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI batchUri = URI.create(required(options, "url") + "/v1/batch");
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((required(options, "write-key") + ":").getBytes(StandardCharsets.UTF_8));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size", "100"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "10")));
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long runId = System.currentTimeMillis();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + measured.toNanos();
        AtomicLong sequence = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<ClientResult>> results = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int clientId = client;
            results.add(pool.submit(() -> runClient(http, batchUri, authorization, batchSize,
                    "bench-" + runId + "-" + clientId, sequence, warmupEnd, end)));
        }

        long events = 0;
        long failures = 0;
        long[] latencies = new long[0];
        int count = 0;
        for (Future<ClientResult> future : results) {
            ClientResult result = future.get();
            events += result.events();
            failures += result.failures();
            latencies = Arrays.copyOf(latencies, count + result.count());
            System.arraycopy(result.latenciesMicros(), 0, latencies, count, result.count());
            count += result.count();
        }
        pool.shutdown();
        Arrays.sort(latencies);

        double seconds = measured.toNanos() / 1e9;
        System.out.printf("tracking.events_per_second=%.0f%n", events / seconds);
        System.out.printf("tracking.requests=%d%n", count);
        System.out.printf("tracking.failed_requests=%d%n", failures);
        System.out.printf("tracking.p50_ms=%.1f%n", percentile(latencies, 0.50) / 1000.0);
        System.out.printf("tracking.p99_ms=%.1f%n", percentile(latencies, 0.99) / 1000.0);
        System.out.printf("tracking.record_bytes=%d%n", meanRecordBytes(required(options, "bootstrap")));
    }

    /** Sends batches until {@code end}; only requests that start after {@code warmupEnd} are counted. */
    private static ClientResult runClient(HttpClient http, URI batchUri, String authorization, int batchSize,
            String idPrefix, AtomicLong sequence, long warmupEnd, long end) throws Exception {
        long[] latencies = new long[1024];
        int count = 0;
        long events = 0;
        long failures = 0;
        while (System.nanoTime() < end) {
            long first = sequence.getAndAdd(batchSize);
            HttpRequest request = HttpRequest.newBuilder(batchUri)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(batch(idPrefix, first, batchSize)))
                    .build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long finished = System.nanoTime();
            if (started < warmupEnd || finished > end) {
                continue;
            }
            if (response.statusCode() != 200) {
                failures++;
                System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                continue;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = (finished - started) / 1000;
            events += batchSize;
        }
        return new ClientResult(latencies, count, events, failures);
    }

    /** Builds a batch of track calls shaped like a web shop's: a product event with properties and page context. */
    private static String batch(String idPrefix, long first, int size) {
        StringBuilder body = new StringBuilder(size * 600).append("{\"sentAt\": \"").append(Instant.now()).append("\", \"batch\": [");
        for (int i = 0; i < size; i++) {
            long n = first + i;
            body.append(i == 0 ? "" : ",")
                    .append("{\"type\": \"track\", \"messageId\": \"").append(idPrefix).append('-').append(n)
                    .append("\", \"userId\": \"customer-").append(n % 50_000)
                    .append("\", \"event\": \"Product Viewed\", \"timestamp\": \"").append(Instant.now())
                    .append("\", \"properties\": {\"product_id\": \"sku-").append(n % 997)
                    .append("\", \"category\": \"shoes\", \"price\": 59.9, \"currency\": \"EUR\"},")
                    .append(" \"context\": {\"page\": {\"path\": \"/products/").append(n % 997)
                    .append("\", \"referrer\": \"https://www.example.com/search\"}, \"campaign\": {\"name\": \"winter-sale\",")
                    .append(" \"source\": \"newsletter\", \"medium\": \"email\"}, \"userAgent\": \"Mozilla/5.0 (X11; Linux x86_64)\"}}");
        }
        return body.append("]}").toString();
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Reads up to {@value #SIZE_SAMPLE} records of the topic and returns their mean key plus value size in bytes. */
    private static long meanRecordBytes(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            int records = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records < SIZE_SAMPLE && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    records++;
                }
            }
            if (records == 0) {
                throw new IllegalStateException("No records found on " + TOPIC + " to measure their size");
            }
            return bytes / records;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option such as --url, found " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }
}
