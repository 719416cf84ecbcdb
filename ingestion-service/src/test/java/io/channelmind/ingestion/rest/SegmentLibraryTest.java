package io.channelmind.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Segment's own Java library (analytics-java 3.5.1), pointed at this service instead of api.segment.io. */
@QuarkusTest
class SegmentLibraryTest {

    @Test
    void callsArriveExactlyOnce() throws InterruptedException {
        CreatedSource source = Tracking.createSource("segment-java");
        CountDownLatch delivered = new CountDownLatch(5);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Analytics analytics = Analytics.builder(source.writeKey())
                .endpoint("http://127.0.0.1:" + RestAssured.port)
                .flushQueueSize(5)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                        delivered.countDown();
                    }
                })
                .build();

        try {
            analytics.enqueue(IdentifyMessage.builder().messageId("seg-identify").userId("seg-user")
                    .traits(Map.of("email", "seg@example.com", "firstName", "Grace")));
            analytics.enqueue(TrackMessage.builder("Order Completed").messageId("seg-order").userId("seg-user")
                    .properties(Map.of("revenue", 42.5, "currency", "USD")));
            analytics.enqueue(PageMessage.builder("Home").messageId("seg-page").anonymousId("seg-anon"));
            analytics.enqueue(AliasMessage.builder("seg-anon").messageId("seg-alias").userId("seg-user"));
            // A resend with the same messageId, as the library's retry would produce.
            analytics.enqueue(TrackMessage.builder("Order Completed").messageId("seg-order").userId("seg-user")
                    .properties(Map.of("revenue", 42.5, "currency", "USD")));
            analytics.flush();
            assertTrue(delivered.await(60, TimeUnit.SECONDS), "the library did not report every message");
        } finally {
            analytics.shutdown();
        }

        assertEquals(List.of(), failures);
        JsonNode identify = source.event("seg-identify");
        JsonNode order = source.event("seg-order");
        JsonNode page = source.event("seg-page");
        JsonNode alias = source.event("seg-alias");
        assertEquals(4, source.events().size());
        assertEquals("identify", identify.path("type").asText());
        assertEquals("seg@example.com", identify.path("traits").path("email").asText());
        assertEquals("conversion", order.path("type").asText());
        assertEquals(0, order.path("value").decimalValue().compareTo(new java.math.BigDecimal("42.5")));
        assertEquals("USD", order.path("currency").asText());
        assertEquals("page", page.path("type").asText());
        assertEquals(source.name() + ":seg-anon", page.path("profileKey").asText());
        assertEquals("alias", alias.path("type").asText());
        assertEquals("seg-anon", alias.path("previousId").asText());
        assertEquals("analytics-java", identify.path("context").path("library").path("name").asText());
    }
}
