import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load generator of bench/content-latency-benchmark.sh. It sends the same number of requests
 * at a fixed concurrency first straight to the WireMock chat-completions stub, then to
 * content-service's POST /api/v1/copy, and prints p50 and p99 of each and their difference.
 * Each copy request names its own product, so the service's cache of identical briefs never
 * replaces the model call.
 *
 * A request that times out or fails is counted, and its phase runs to the end. After a phase
 * with any timed-out or failed request the program prints the counts and the first failure,
 * and exits with status 2 without running the next phases, because percentiles that leave out
 * the slowest requests would understate the latency. Any other error exits with status 1.
 *
 * Arguments: WIREMOCK_URL SERVICE_URL CONCURRENCY REQUESTS_PER_PHASE WARMUP_REQUESTS [TIMEOUT_SECONDS [SERVICE_PID]]
 * (the timeout of each request, 60 s by default). With the service's process id it also prints
 * the CPU time that the service process used during its measured phase, per copy. Unlike the
 * latency, that figure changes little when other processes share the cores.
 */
public final class ContentLatency {

    private static final String CHAT_REQUEST = """
            {"model": "bench-model", "messages": [{"role": "system", "content": "You are a marketing copywriter."},
             {"role": "user", "content": "Product: Bench Savings %d"}]}""";

    private static final String COPY_REQUEST = """
            {"campaign": "bench", "segment": "all", "channel": "sms", "locale": "en",
             "brief": {"product": "Bench Savings %d", "offer": "Open online"},
             "audience": {"size": 1000, "features": {"conversionRate": 0.04}}}""";

    private static final int EXIT_FAILED_REQUESTS = 2;

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("ContentLatency failed: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String wiremock = args[0];
        String service = args[1];
        int concurrency = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        Duration timeout = Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 60);
        ProcessHandle serviceProcess = args.length > 6 ? ProcessHandle.of(Long.parseLong(args[6])).orElseThrow() : null;

        // HTTP/1.1 on both sides, so that each request in flight has a connection of its own, as
        // the service's model client has towards WireMock.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(16, daemonThreads())).build();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemonThreads());
        AtomicInteger ids = new AtomicInteger();
        Call copy = () -> post(client, service + "/api/v1/copy", COPY_REQUEST.formatted(ids.incrementAndGet()), 201, timeout);
        Call chat = () -> post(client, wiremock + "/v1/chat/completions", CHAT_REQUEST.formatted(ids.incrementAndGet()), 200,
                timeout);

        measure("service warm-up", workers, concurrency, warmup, copy, timeout);
        measure("WireMock warm-up", workers, concurrency, warmup, chat, timeout);
        long[] direct = measure("WireMock direct", workers, concurrency, requests, chat, timeout);
        Duration cpuBefore = cpuTime(serviceProcess);
        long[] viaService = measure("content-service", workers, concurrency, requests, copy, timeout);
        Duration cpuAfter = cpuTime(serviceProcess);
        workers.shutdownNow();

        double directP50 = percentile(direct, 50);
        double directP99 = percentile(direct, 99);
        double serviceP50 = percentile(viaService, 50);
        double serviceP99 = percentile(viaService, 99);
        System.out.printf("concurrency %d, %d requests per phase, 0 timed out, 0 failed%n", concurrency, requests);
        System.out.printf("wiremock direct: p50 %.1f ms, p99 %.1f ms%n", directP50, directP99);
        System.out.printf("content-service: p50 %.1f ms, p99 %.1f ms%n", serviceP50, serviceP99);
        System.out.printf("overhead:        p50 %.1f ms, p99 %.1f ms (ratio p99 %.2f)%n", serviceP50 - directP50,
                serviceP99 - directP99, serviceP99 / directP99);
        if (serviceProcess != null) {
            Duration cpu = cpuAfter.minus(cpuBefore);
            System.out.printf("service CPU:     %.0f ms in the measured phase, %.2f ms per copy%n", cpu.toNanos() / 1e6,
                    cpu.toNanos() / 1e6 / requests);
        }
    }

    /** Returns the CPU time, user and system, that a process has used so far; zero without a process. */
    private static Duration cpuTime(ProcessHandle process) {
        if (process == null) {
            return Duration.ZERO;
        }
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("The CPU time of process " + process.pid() + " is not readable"));
    }

    /**
     * Sends requests from a fixed number of workers and returns each request's latency in
     * nanoseconds. Exits the program with status 2 when any request timed out or failed.
     */
    private static long[] measure(String phase, ExecutorService workers, int concurrency, int requests, Call call,
            Duration timeout) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[] latencies = new long[requests];
        List<Future<?>> futures = new ArrayList<>();
        long phaseStart = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            futures.add(workers.submit(() -> {
                for (int index = next.getAndIncrement(); index < requests; index = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        call.send();
                    } catch (HttpTimeoutException e) {
                        timedOut.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                    latencies[index] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - phaseStart) / 1e9;

        if (timedOut.get() > 0 || failed.get() > 0) {
            System.out.printf("%s: %d of %d requests timed out after %d s and %d failed, in %.1f s; of all %d: p50 %.1f ms, "
                    + "p99 %.1f ms%n", phase, timedOut.get(), requests, timeout.toSeconds(), failed.get(), seconds, requests,
                    percentile(latencies, 50), percentile(latencies, 99));
            if (firstFailure.get() != null) {
                System.out.println("first failure: " + firstFailure.get());
            }
            System.out.println("Stopping: the latency of a phase with timed-out or failed requests is not comparable.");
            System.out.flush();
            System.exit(EXIT_FAILED_REQUESTS);
        }
        System.out.printf("%s: %d requests in %.1f s%n", phase, requests, seconds);
        return latencies;
    }

    /** Sends one POST and fails unless the status matches and, for copy, the model wrote it (not the template fallback). */
    private static void post(HttpClient client, String url, String body, int expectedStatus, Duration timeout) throws Exception {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(url))).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("POST " + url + " returned " + response.statusCode() + ": " + response.body());
        }
        if (url.endsWith("/api/v1/copy") && !response.body().contains("\"generator\":\"llm\"")) {
            throw new IllegalStateException("The template copywriter wrote the copy, so the model path was not measured: "
                    + response.body());
        }
    }

    /** Creates daemon threads, so that no thread of this program keeps the JVM alive after main ends. */
    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static double percentile(long[] latencies, int percent) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)] / 1e6;
    }

    @FunctionalInterface
    private interface Call {
        void send() throws Exception;
    }

    /** Adds the admin token of the benchmark run (CHANNELMIND_BENCH_TOKEN, set by bench/bench-keys.sh), when there is one. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = System.getenv("CHANNELMIND_BENCH_TOKEN");
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }
}
