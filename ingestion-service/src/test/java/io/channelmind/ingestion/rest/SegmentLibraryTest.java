package io.channelmind.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;

import io.channelmind.ingestion.support.SdkCalls;
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
        String prefix = "seg";
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
            analytics.enqueue(IdentifyMessage.builder().messageId(SdkCalls.messageId(prefix, "identify"))
                    .userId(SdkCalls.userId(prefix)).traits(SdkCalls.TRAITS));
            analytics.enqueue(order(prefix));
            analytics.enqueue(PageMessage.builder(SdkCalls.PAGE_NAME).messageId(SdkCalls.messageId(prefix, "page"))
                    .anonymousId(SdkCalls.anonymousId(prefix)));
            analytics.enqueue(AliasMessage.builder(SdkCalls.anonymousId(prefix)).messageId(SdkCalls.messageId(prefix, "alias"))
                    .userId(SdkCalls.userId(prefix)));
            // A resend with the same messageId, as the library's retry would produce.
            analytics.enqueue(order(prefix));
            analytics.flush();
            assertTrue(delivered.await(60, TimeUnit.SECONDS), "the library did not report every message");
        } finally {
            analytics.shutdown();
        }

        assertEquals(List.of(), failures);
        SdkCalls.assertArrivedOnce(source, prefix, "analytics-java");
    }

    private static TrackMessage.Builder order(String prefix) {
        return TrackMessage.builder(SdkCalls.ORDER_EVENT).messageId(SdkCalls.messageId(prefix, "order"))
                .userId(SdkCalls.userId(prefix)).properties(SdkCalls.ORDER_PROPERTIES);
    }
}
