package io.channelmind.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the five services with tracing on, exporting to an in-memory OTLP receiver, and follows
 * one tracking call through Kafka. The test acts as the client that starts the trace: only the
 * tracking call carries its W3C traceparent, so every other span in that trace was reached
 * through the Kafka record headers that ingestion-service writes and the consumers read.
 */
class TracePipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static OtlpTraceReceiver receiver;
    private static LocalStack stack;

    private final String traceId = randomHex(16);
    private final String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";

    @BeforeAll
    static void startStack() throws Exception {
        receiver = new OtlpTraceReceiver();
        Map<String, String> tracing = new LinkedHashMap<>();
        tracing.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        tracing.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        tracing.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        // Export within a fraction of a second instead of the default 5 s.
        tracing.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        // automation-service's journey consumer starts at the latest offset. The topics are new, so
        // reading from the start replays nothing old, and the tracking call cannot slip in before
        // the consumer has its partitions.
        Map<String, String> journeyConsumer = Map.of(
                "MP_MESSAGING_INCOMING_JOURNEY_CUSTOMER_EVENTS_AUTO_OFFSET_RESET", "earliest");
        stack = LocalStack.start("trace", tracing, Map.of("automation-service", journeyConsumer));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void trackingCallTracedThroughKafka() throws Exception {
        String writeKey = post("ingestion-service", "/api/v1/sources", Map.of("name", "trace-test"), null)
                .path("writeKey").asText();
        Map<String, Object> traits = Map.of("email", "trace.demo@example.com", "consent", Map.of("email", true));
        post("ingestion-service", "/v1/identify", Map.of("userId", "u-1", "traits", traits), writeKey, traceparent);
        awaitProfile("trace-test:u-1");

        Set<String> consumers = awaitConsumerSpans(Set.of("profile-service", "automation-service"));
        String received = receiver.requestCount() + " export requests, parse errors " + receiver.errors()
                + ", spans of trace " + traceId + ": " + receiver.spans().stream()
                        .filter(span -> span.traceId().equals(traceId))
                        .map(span -> span.service() + " " + span.name() + " (kind " + span.kind() + ")")
                        .toList();
        assertTrue(receiver.spans().stream().anyMatch(span -> span.traceId().equals(traceId)
                && span.service().equals("ingestion-service") && span.name().contains("/v1/identify")),
                "ingestion-service server span of the tracking call; " + received);
        assertTrue(consumers.contains("profile-service"), "profile-service Kafka consumer span; " + received);
        assertTrue(consumers.contains("automation-service"), "automation-service Kafka consumer span; " + received);
    }

    /** Waits until each of the services has exported a consumer span in the test's trace. */
    private Set<String> awaitConsumerSpans(Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> services = Set.of();
        while (System.nanoTime() < deadline) {
            services = receiver.spans().stream()
                    .filter(span -> span.traceId().equals(traceId))
                    .filter(span -> span.kind() == OtlpTraceReceiver.KIND_CONSUMER)
                    .map(OtlpTraceReceiver.ReceivedSpan::service)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (services.containsAll(expected)) {
                return services;
            }
            Thread.sleep(500);
        }
        return services;
    }

    private void awaitProfile(String profileKey) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(url("profile-service", "/api/v1/profiles/" + profileKey))
                    .header("Authorization", "Bearer " + stack.adminToken())
                    .GET()
                    .build();
            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        assertEquals(200, status, "profile " + profileKey + " was not created within 60 s");
    }

    private JsonNode post(String service, String path, Object body, String writeKey) throws Exception {
        return post(service, path, body, writeKey, null);
    }

    private JsonNode post(String service, String path, Object body, String writeKey, String traceparent)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(service, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        if (writeKey != null) {
            String credentials = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        } else {
            request.header("Authorization", "Bearer " + stack.adminToken());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, () -> "POST " + path + " returned " + response.statusCode() + ": "
                + response.body());
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static URI url(String service, String path) {
        return URI.create(stack.baseUrls().get(service) + path);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
