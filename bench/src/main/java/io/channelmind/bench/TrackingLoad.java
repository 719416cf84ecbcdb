package io.channelmind.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends batches of tracking calls to {@code POST /v1/batch} from several client threads, each
 * over its own kept-alive connection ({@link PlainHttpConnection}), for a fixed time and prints the sustained events/s and the request latency percentiles. Afterwards
 * it reads a sample of the records the service produced and prints their mean size, so the
 * Kafka producer ceiling can be measured with records of the same size.
 *
 * <p>It also prints the CPU time that this driver and, with {@code --service-pid}, the service
 * used during the measured seconds, and the load average before and after them, so a reader
 * can see whether the driver or other processes on the machine took the cores.
 *
 * <p>Options: {@code --url http://127.0.0.1:PORT --write-key KEY --bootstrap HOST:PORT
 * [--clients 8] [--batch-size 100] [--warmup-seconds 10] [--seconds 30] [--service-pid PID]
 * [--clock-ticks 100]}; the clock ticks per second convert {@code /proc/PID/stat}.
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
        Map<String, String> options = Options.parse(args, 0);
        URI batchUri = URI.create(Options.required(options, "url") + "/v1/batch");
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((Options.required(options, "write-key") + ":").getBytes(StandardCharsets.UTF_8));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size", "100"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "10")));
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));

        long runId = System.currentTimeMillis();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + measured.toNanos();
        AtomicLong sequence = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<ClientResult>> results = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int clientId = client;
            results.add(pool.submit(() -> runClient(batchUri, authorization, batchSize,
                    "bench-" + runId + "-" + clientId, sequence, warmupEnd, end)));
        }

        ProcessId servicePid = options.containsKey("service-pid")
                ? new ProcessId(Long.parseLong(options.get("service-pid")),
                        Integer.parseInt(options.getOrDefault("clock-ticks", "100")))
                : null;
        sleepUntil(warmupEnd);
        CpuSample start = CpuSample.take(servicePid);
        sleepUntil(end);
        CpuSample stop = CpuSample.take(servicePid);

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
        System.out.printf("tracking.driver_cpu_seconds=%.1f%n", (stop.driverNanos() - start.driverNanos()) / 1e9);
        if (servicePid != null) {
            System.out.printf("tracking.service_cpu_seconds=%.1f%n", stop.serviceSeconds() - start.serviceSeconds());
        }
        System.out.printf("tracking.cores=%d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("tracking.load_average_before=%s%n", start.loadAverage());
        System.out.printf("tracking.load_average_after=%s%n", stop.loadAverage());
        System.out.printf("tracking.record_bytes=%d%n", RecordSizes.meanBytes(Options.required(options, "bootstrap"), TOPIC, SIZE_SAMPLE));
    }

    /** A process id and the clock ticks per second of its {@code /proc/PID/stat} times. */
    private record ProcessId(long pid, int clockTicks) {
    }

    /** CPU times of this driver and of the service, and the 1-minute load average, at one moment. */
    private record CpuSample(long driverNanos, double serviceSeconds, String loadAverage) {

        static CpuSample take(ProcessId service) throws IOException {
            long driver = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            double serviceSeconds = 0;
            if (service != null) {
                // Fields 14 and 15 of /proc/PID/stat are utime and stime. The command name (field 2)
                // is in parentheses and may contain spaces, so the fields are counted after it.
                String stat = Files.readString(Path.of("/proc/" + service.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                serviceSeconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) service.clockTicks();
            }
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return new CpuSample(driver, serviceSeconds, load);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }

    /** Sends batches until {@code end}; only requests that start after {@code warmupEnd} are counted. */
    private static ClientResult runClient(URI batchUri, String authorization, int batchSize,
            String idPrefix, AtomicLong sequence, long warmupEnd, long end) throws Exception {
        try (PlainHttpConnection connection = new PlainHttpConnection(batchUri, authorization)) {
            return runClient(connection, batchSize, idPrefix, sequence, warmupEnd, end);
        }
    }

    private static ClientResult runClient(PlainHttpConnection connection, int batchSize, String idPrefix,
            AtomicLong sequence, long warmupEnd, long end) throws IOException {
        long[] latencies = new long[1024];
        int count = 0;
        long events = 0;
        long failures = 0;
        while (System.nanoTime() < end) {
            long first = sequence.getAndAdd(batchSize);
            byte[] body = batch(idPrefix, first, batchSize).getBytes(StandardCharsets.UTF_8);
            long started = System.nanoTime();
            PlainHttpConnection.Response response = connection.post(body);
            long finished = System.nanoTime();
            if (started < warmupEnd || finished > end) {
                continue;
            }
            if (response.status() != 200) {
                failures++;
                System.err.println("HTTP " + response.status() + ": " + response.body());
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

    /**
     * Builds a batch of track calls shaped like a web shop's: a product event with properties and
     * page context. The calls share one timestamp, formatted once, so the driver spends less of
     * the shared CPU on building requests.
     */
    private static String batch(String idPrefix, long first, int size) {
        String now = Instant.now().toString();
        StringBuilder body = new StringBuilder(size * 600).append("{\"sentAt\": \"").append(now).append("\", \"batch\": [");
        for (int i = 0; i < size; i++) {
            long n = first + i;
            body.append(i == 0 ? "" : ",")
                    .append("{\"type\": \"track\", \"messageId\": \"").append(idPrefix).append('-').append(n)
                    .append("\", \"userId\": \"customer-").append(n % 50_000)
                    .append("\", \"event\": \"Product Viewed\", \"timestamp\": \"").append(now)
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
}
