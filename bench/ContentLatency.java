import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Each pair of phases (WireMock, then the service) runs in two arrival patterns:
 * <ul>
 * <li><b>synchronised</b>: all workers send their first request at the start of the phase. With a
 * fixed model delay the responses then come back in waves of about CONCURRENCY at once, and
 * every response of a wave needs the service's CPU at the same time. This is the closed-loop
 * load that the overhead goal is judged on.</li>
 * <li><b>staggered</b>: worker {@code i} sends its first request {@code i * SPREAD_MS /
 * CONCURRENCY} after the start of the phase, so the requests in flight are spread evenly over
 * the model delay, as independent clients are. Each worker then sends its next request as soon
 * as the last one returns, as in the synchronised pattern.</li>
 * </ul>
 * The environment variable CHANNELMIND_BENCH_ARRIVAL selects {@code synchronised},
 * {@code staggered} or {@code both} (the default).
 *
 * Arguments: WIREMOCK_URL SERVICE_URL CONCURRENCY REQUESTS_PER_PHASE WARMUP_REQUESTS
 * [TIMEOUT_SECONDS [SERVICE_PID [SPREAD_MS [TIMES_DIR]]]]. TIMEOUT_SECONDS is the timeout of each
 * request (60 s by default). With the service's process id it also prints the CPU time that the
 * service process used during each measured phase, per copy. Unlike the latency, that figure
 * changes little when other processes share the cores. SPREAD_MS is the window over which the
 * staggered pattern spreads the first requests (300 ms by default, the stub's model delay).
 * With TIMES_DIR it writes one CSV file per measured phase with each request's worker, start and
 * end in milliseconds from the start of the phase.
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
        Duration spread = Duration.ofMillis(args.length > 7 ? Long.parseLong(args[7]) : 300);
        Path timesDir = args.length > 8 ? Path.of(args[8]) : null;
        String arrival = System.getenv().getOrDefault("CHANNELMIND_BENCH_ARRIVAL", "both");
        if (!List.of("both", "synchronised", "staggered").contains(arrival)) {
            throw new IllegalArgumentException("Invalid CHANNELMIND_BENCH_ARRIVAL '" + arrival
                    + "'. Set it to synchronised, staggered or both.");
        }

        // HTTP/1.1 on both sides, so that each request in flight has a connection of its own, as
        // the service's model client has towards WireMock.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(16, daemonThreads())).build();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemonThreads());
        AtomicInteger ids = new AtomicInteger();
        Call copy = () -> post(client, service + "/api/v1/copy", COPY_REQUEST.formatted(ids.incrementAndGet()), 201, timeout);
        Call chat = () -> post(client, wiremock + "/v1/chat/completions", CHAT_REQUEST.formatted(ids.incrementAndGet()), 200,
                timeout);
        Load load = new Load(workers, concurrency, timeout);

        measure("service warm-up", load, warmup, copy, Duration.ZERO);
        measure("WireMock warm-up", load, warmup, chat, Duration.ZERO);
        System.out.printf("concurrency %d, %d requests per phase%n", concurrency, requests);
        if (!arrival.equals("staggered")) {
            compare("synchronised", load, requests, chat, copy, Duration.ZERO, serviceProcess, timesDir);
        }
        if (!arrival.equals("synchronised")) {
            compare("staggered over " + spread.toMillis() + " ms", load, requests, chat, copy, spread, serviceProcess,
                    timesDir);
        }
        workers.shutdownNow();
    }

    /** Measures WireMock and then the service in one arrival pattern, and prints both and their difference. */
    private static void compare(String pattern, Load load, int requests, Call chat, Call copy, Duration spread,
            ProcessHandle serviceProcess, Path timesDir) throws Exception {
        Phase direct = measure("WireMock direct, " + pattern, load, requests, chat, spread);
        Duration cpuBefore = cpuTime(serviceProcess);
        Phase viaService = measure("content-service, " + pattern, load, requests, copy, spread);
        Duration cpuAfter = cpuTime(serviceProcess);
        if (timesDir != null) {
            String suffix = spread.isZero() ? "synchronised" : "staggered";
            direct.write(timesDir.resolve("wiremock-" + suffix + ".csv"));
            viaService.write(timesDir.resolve("service-" + suffix + ".csv"));
        }

        double directP50 = percentile(direct.latencies(), 50);
        double directP99 = percentile(direct.latencies(), 99);
        double serviceP50 = percentile(viaService.latencies(), 50);
        double serviceP99 = percentile(viaService.latencies(), 99);
        System.out.printf("%s arrivals, 0 timed out, 0 failed%n", pattern);
        System.out.printf("  wiremock direct: p50 %.1f ms, p99 %.1f ms%n", directP50, directP99);
        System.out.printf("  content-service: p50 %.1f ms, p99 %.1f ms%n", serviceP50, serviceP99);
        System.out.printf("  overhead:        p50 %.1f ms, p99 %.1f ms (ratio p99 %.2f)%n", serviceP50 - directP50,
                serviceP99 - directP99, serviceP99 / directP99);
        System.out.printf("  largest burst:   wiremock %d, content-service %d responses within 20 ms%n",
                direct.largestBurst(20), viaService.largestBurst(20));
        if (serviceProcess != null) {
            Duration cpu = cpuAfter.minus(cpuBefore);
            System.out.printf("  service CPU:     %.0f ms in the measured phase, %.2f ms per copy%n", cpu.toNanos() / 1e6,
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
     * Sends requests from a fixed number of workers and returns each request's start and end.
     * With a non-zero {@code spread}, worker {@code i} waits {@code i * spread / concurrency}
     * before its first request. Exits the program with status 2 when any request timed out or failed.
     */
    private static Phase measure(String phase, Load load, int requests, Call call, Duration spread) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        int[] workerOf = new int[requests];
        long[] starts = new long[requests];
        long[] ends = new long[requests];
        List<Future<?>> futures = new ArrayList<>();
        long phaseStart = System.nanoTime();
        for (int worker = 0; worker < load.concurrency(); worker++) {
            int workerId = worker;
            long firstStart = phaseStart + spread.toNanos() * worker / load.concurrency();
            futures.add(load.workers().submit(() -> {
                sleepUntil(firstStart);
                for (int index = next.getAndIncrement(); index < requests; index = next.getAndIncrement()) {
                    workerOf[index] = workerId;
                    starts[index] = System.nanoTime() - phaseStart;
                    try {
                        call.send();
                    } catch (HttpTimeoutException e) {
                        timedOut.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                    ends[index] = System.nanoTime() - phaseStart;
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        Phase result = new Phase(workerOf, starts, ends);

        if (timedOut.get() > 0 || failed.get() > 0) {
            System.out.printf("%s: %d of %d requests timed out after %d s and %d failed, in %.1f s; of all %d: p50 %.1f ms, "
                    + "p99 %.1f ms%n", phase, timedOut.get(), requests, load.timeout().toSeconds(), failed.get(), seconds,
                    requests, percentile(result.latencies(), 50), percentile(result.latencies(), 99));
            if (firstFailure.get() != null) {
                System.out.println("first failure: " + firstFailure.get());
            }
            System.out.println("Stopping: the latency of a phase with timed-out or failed requests is not comparable.");
            System.out.flush();
            System.exit(EXIT_FAILED_REQUESTS);
        }
        System.out.printf("%s: %d requests in %.1f s%n", phase, requests, seconds);
        return result;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
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

    /** The workers that send the requests, how many run at once, and the timeout of each request. */
    private record Load(ExecutorService workers, int concurrency, Duration timeout) {
    }

    /** The requests of one measured phase: each one's worker, and its start and end in nanoseconds from the phase start. */
    private record Phase(int[] workers, long[] starts, long[] ends) {

        long[] latencies() {
            long[] latencies = new long[ends.length];
            for (int i = 0; i < ends.length; i++) {
                latencies[i] = ends[i] - starts[i];
            }
            return latencies;
        }

        /** Returns the largest number of responses that completed within any window of the given length. */
        int largestBurst(long windowMillis) {
            long[] sorted = ends.clone();
            Arrays.sort(sorted);
            int largest = 0;
            int first = 0;
            for (int last = 0; last < sorted.length; last++) {
                while (sorted[last] - sorted[first] >= windowMillis * 1_000_000) {
                    first++;
                }
                largest = Math.max(largest, last - first + 1);
            }
            return largest;
        }

        void write(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
                out.println("worker,start_ms,end_ms,latency_ms");
                for (int i = 0; i < ends.length; i++) {
                    out.printf("%d,%.3f,%.3f,%.3f%n", workers[i], starts[i] / 1e6, ends[i] / 1e6, (ends[i] - starts[i]) / 1e6);
                }
            }
        }
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
