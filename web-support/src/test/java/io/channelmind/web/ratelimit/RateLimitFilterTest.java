package io.channelmind.web.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** Runs the filter in a Vert.x router on a loopback port, with a clock that the test moves. */
class RateLimitFilterTest {

    private final AtomicLong now = new AtomicLong(0);
    private final ObjectMapper json = new ObjectMapper();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        RateLimitFilter filter = new RateLimitFilter(config(2, 1.0, 2, 1.0, List.of("/v1")), json, metrics, now::get);
        router.route().handler(filter::check);
        router.route().handler(context -> context.response().end("ok"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void burstOverLimitGets429() throws Exception {
        assertEquals(200, get("/api/v1/things", null).statusCode());
        assertEquals(200, get("/api/v1/things", null).statusCode());

        HttpResponse<String> limited = get("/api/v1/things", null);

        assertEquals(429, limited.statusCode());
        assertEquals(Optional.of("1"), limited.headers().firstValue("Retry-After"));
        assertEquals(Optional.of("application/problem+json"), limited.headers().firstValue("Content-Type"));
        JsonNode problem = json.readTree(limited.body());
        assertEquals("urn:channelmind:problem:rate-limited", problem.get("type").asText());
        assertEquals(RateLimitFilter.API_LIMIT, problem.get("limit").asText());
        assertEquals(429, problem.get("status").asInt());
        assertEquals(1.0, metrics.counter(RateLimitFilter.REJECTED_METRIC, "limit", RateLimitFilter.API_LIMIT).count());
    }

    @Test
    void waitingRetryAfterLetsNextPass() throws Exception {
        get("/api/v1/things", null);
        get("/api/v1/things", null);
        HttpResponse<String> limited = get("/api/v1/things", null);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());

        now.addAndGet(TimeUnit.SECONDS.toNanos(retryAfter));

        assertEquals(200, get("/api/v1/things", null).statusCode());
    }

    @Test
    void writeKeysDoNotShareBucket() throws Exception {
        get("/v1/track", "key-a");
        get("/v1/track", "key-a");
        HttpResponse<String> limited = get("/v1/track", "key-a");

        assertEquals(429, limited.statusCode());
        assertEquals(RateLimitFilter.WRITE_KEY_LIMIT, json.readTree(limited.body()).get("limit").asText());
        assertEquals(200, get("/v1/track", "key-b").statusCode(), "another write key has its own bucket");
        assertEquals(200, get("/api/v1/things", null).statusCode(), "the API limit has its own buckets");
    }

    @Test
    void pathsOutsideLimitsPass() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/q/health", null).statusCode(), "request " + i);
        }
    }

    @Test
    void zeroRateTurnsLimitOff() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Router router = Router.router(vertx);
        RateLimitFilter filter = new RateLimitFilter(config(1, 0, 1, 0, List.of("/v1")), json, metrics, now::get);
        router.route().handler(filter::check);
        router.route().handler(context -> context.response().end("ok"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/api/v1/things", null).statusCode(), "API request " + i);
            assertEquals(200, get("/v1/track", "key-a").statusCode(), "tracking request " + i);
        }
    }

    @Test
    void retryAfterRoundsUp() {
        assertEquals(1, RateLimitFilter.retryAfterSeconds(java.time.Duration.ofMillis(1)));
        assertEquals(2, RateLimitFilter.retryAfterSeconds(java.time.Duration.ofMillis(1001)));
        assertTrue(RateLimitFilter.retryAfterSeconds(java.time.Duration.ZERO) >= 1);
    }

    private HttpResponse<String> get(String path, String writeKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        if (writeKey != null) {
            String credentials = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RateLimitConfig config(int apiBurst, double apiRate, int keyBurst, double keyRate, List<String> paths) {
        return new RateLimitConfig() {
            @Override
            public Limit api() {
                return limit(apiBurst, apiRate);
            }

            @Override
            public WriteKeyLimit writeKey() {
                return new WriteKeyLimit() {
                    @Override
                    public double requestsPerSecond() {
                        return keyRate;
                    }

                    @Override
                    public int burst() {
                        return keyBurst;
                    }

                    @Override
                    public Optional<List<String>> paths() {
                        return Optional.of(paths);
                    }
                };
            }

            @Override
            public int maxKeys() {
                return 100;
            }
        };
    }

    private static RateLimitConfig.Limit limit(int burst, double rate) {
        return new RateLimitConfig.Limit() {
            @Override
            public double requestsPerSecond() {
                return rate;
            }

            @Override
            public int burst() {
                return burst;
            }
        };
    }
}
