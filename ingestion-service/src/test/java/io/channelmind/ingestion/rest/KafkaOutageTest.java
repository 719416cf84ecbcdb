package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.channelmind.stack.infra.KafkaBroker;
import io.channelmind.stack.test.InjectKafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Stops the shared Kafka broker in the middle of a stream of tracking batches and starts it
 * again on the same port and log folder. A client thread sends batches of five calls and resends
 * a batch after its Retry-After until it gets a 2xx, as an SDK does.
 *
 * <p>NOTE: the broker is stopped between two requests, never during one. A batch that the broker
 * stores while it shuts down, without a response, fails in the producer after its delivery
 * timeout, so the client gets a 503 and its retry puts the calls on the topic a second time,
 * with the same eventId. The service cannot tell that case from a batch the broker never stored.
 */
@QuarkusTest
class KafkaOutageTest {

    private static final int CALLS_PER_BATCH = 5;
    private static final String PROBLEM = "urn:channelmind:problem:";

    @InjectKafkaBroker
    KafkaBroker broker;

    /** A 503 response the client received. */
    private record Rejection(int batch, String retryAfter, String problemType) {
    }

    @Test
    void acceptedCallsSurviveBrokerRestart() throws Exception {
        CreatedSource source = Tracking.createSource("outage");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Rejection> rejections = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ReentrantLock requestInFlight = new ReentrantLock(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<Integer> batchesSent = client.submit(() -> stream(source, accepted, rejections, running, requestInFlight));

        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 10 * CALLS_PER_BATCH);
            requestInFlight.lock();
            try {
                broker.stop();
            } finally {
                requestInFlight.unlock();
            }
            int acceptedBeforeOutage = accepted.size();

            await().atMost(Duration.ofSeconds(45)).until(() -> !rejections.isEmpty());
            given().when().get("/q/health/ready").then().statusCode(503);
            assertEquals(acceptedBeforeOutage, accepted.size(), "calls accepted while the broker was down");

            broker.start();
            int acceptedAfterRestart = accepted.size();
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> accepted.size() >= acceptedAfterRestart + 10 * CALLS_PER_BATCH);
        } finally {
            running.set(false);
            broker.start();
        }
        batchesSent.get(60, TimeUnit.SECONDS);
        client.shutdown();

        given().when().get("/q/health/ready").then().statusCode(200);
        for (Rejection rejection : rejections) {
            assertEquals("5", rejection.retryAfter(), "Retry-After of batch " + rejection.batch());
            assertEquals(PROBLEM + "publish-failed", rejection.problemType(), "problem type of batch " + rejection.batch());
        }
        Map<String, Long> copiesById = source.events().stream()
                .map(event -> event.path("source").path("messageId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> missing = accepted.stream().filter(id -> !copiesById.containsKey(id)).sorted().toList();
        List<String> repeated = copiesById.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertEquals(List.of(), missing, "accepted calls missing from the topic");
        assertEquals(List.of(), repeated, "calls on the topic more than once");
        assertEquals(accepted, copiesById.keySet(), "the topic should contain exactly the accepted calls");
        assertFalse(rejections.isEmpty());
    }

    /**
     * Sends numbered batches until {@code running} is cleared, resending each after a 503 until
     * it is accepted, and returns how many batches it sent.
     */
    private static int stream(CreatedSource source, Set<String> accepted, List<Rejection> rejections,
            AtomicBoolean running, ReentrantLock requestInFlight) throws InterruptedException {
        int batch = 0;
        while (running.get()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_BATCH; i++) {
                ids.add("outage-" + batch + "-" + i);
            }
            String body = ids.stream()
                    .map(id -> "{\"type\": \"track\", \"messageId\": \"" + id + "\", \"userId\": \"u-" + id
                            + "\", \"event\": \"Clicked\"}")
                    .collect(Collectors.joining(",", "{\"batch\": [", "]}"));
            while (true) {
                ExtractableResponse<Response> response;
                requestInFlight.lock();
                try {
                    response = source.post("/v1/batch", body).extract();
                    if (response.statusCode() == 200) {
                        accepted.addAll(ids);
                    }
                } finally {
                    requestInFlight.unlock();
                }
                if (response.statusCode() == 200) {
                    break;
                }
                assertEquals(503, response.statusCode(), "status of batch " + batch + ": " + response.asString());
                rejections.add(new Rejection(batch, response.header("Retry-After"), response.jsonPath().getString("type")));
                Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
            }
            batch++;
        }
        return batch;
    }
}
