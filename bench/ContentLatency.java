import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator of bench/content-latency-benchmark.sh. It sends the same number of requests
 * at a fixed concurrency first straight to the WireMock chat-completions stub, then to
 * content-service's POST /api/v1/copy, and prints p50 and p99 of each and their difference.
 * Each copy request names its own product, so the service's cache of identical briefs never
 * replaces the model call.
 *
 * Arguments: WIREMOCK_URL SERVICE_URL CONCURRENCY REQUESTS_PER_PHASE WARMUP_REQUESTS
 */
public final class ContentLatency {

    private static final String CHAT_REQUEST = """
            {"model": "bench-model", "messages": [{"role": "system", "content": "You are a marketing copywriter."},
             {"role": "user", "content": "Product: Bench Savings %d"}]}""";

    private static final String COPY_REQUEST = """
            {"campaign": "bench", "segment": "all", "channel": "sms", "locale": "en",
             "brief": {"product": "Bench Savings %d", "offer": "Open online"},
             "audience": {"size": 1000, "features": {"conversionRate": 0.04}}}""";

    public static void main(String[] args) throws Exception {
        String wiremock = args[0];
        String service = args[1];
        int concurrency = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(16)).build();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);

        AtomicInteger ids = new AtomicInteger();
        run(workers, concurrency, warmup, () -> post(client, service + "/api/v1/copy", COPY_REQUEST.formatted(ids.incrementAndGet()), 201));
        run(workers, concurrency, warmup, () -> post(client, wiremock + "/v1/chat/completions", CHAT_REQUEST.formatted(ids.incrementAndGet()), 200));

        long[] direct = run(workers, concurrency, requests,
                () -> post(client, wiremock + "/v1/chat/completions", CHAT_REQUEST.formatted(ids.incrementAndGet()), 200));
        long[] viaService = run(workers, concurrency, requests,
                () -> post(client, service + "/api/v1/copy", COPY_REQUEST.formatted(ids.incrementAndGet()), 201));
        workers.shutdown();

        double directP50 = percentile(direct, 50);
        double directP99 = percentile(direct, 99);
        double serviceP50 = percentile(viaService, 50);
        double serviceP99 = percentile(viaService, 99);
        System.out.printf("concurrency %d, %d requests per phase%n", concurrency, requests);
        System.out.printf("wiremock direct: p50 %.1f ms, p99 %.1f ms%n", directP50, directP99);
        System.out.printf("content-service: p50 %.1f ms, p99 %.1f ms%n", serviceP50, serviceP99);
        System.out.printf("overhead:        p50 %.1f ms, p99 %.1f ms (ratio p99 %.2f)%n", serviceP50 - directP50,
                serviceP99 - directP99, serviceP99 / directP99);
        System.exit(0);
    }

    /** Sends requests from a fixed number of workers; returns each request's latency in nanoseconds. */
    private static long[] run(ExecutorService workers, int concurrency, int requests, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        List<Future<?>> futures = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            futures.add(workers.submit(() -> {
                for (int index = next.getAndIncrement(); index < requests; index = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    call.send();
                    latencies[index] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        return latencies;
    }

    /** Sends one POST and fails unless the status matches and, for copy, the model wrote it (not the template fallback). */
    private static void post(HttpClient client, String url, String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
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
}
