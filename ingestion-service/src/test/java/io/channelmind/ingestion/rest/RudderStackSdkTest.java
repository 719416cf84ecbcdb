package io.channelmind.ingestion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.rudderstack.sdk.java.analytics.Callback;
import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.rudderstack.sdk.java.analytics.messages.AliasMessage;
import com.rudderstack.sdk.java.analytics.messages.IdentifyMessage;
import com.rudderstack.sdk.java.analytics.messages.Message;
import com.rudderstack.sdk.java.analytics.messages.PageMessage;
import com.rudderstack.sdk.java.analytics.messages.TrackMessage;

import io.channelmind.ingestion.support.SdkCalls;
import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * RudderStack's Java SDK (3.1.2), pointed at this service as its data plane. The SDK posts every
 * upload, even of one call, as a batch to {@code /v1/batch}.
 */
@QuarkusTest
class RudderStackSdkTest {

    /** Calls sent per test: the four of {@link SdkCalls} and a resend of the track call. */
    private static final int CALLS = 5;

    @Test
    void singleCallsArriveOnce() throws InterruptedException {
        CreatedSource source = Tracking.createSource("rudder-single");

        List<Throwable> failures = send(source, "rs-single", builder -> builder.flushQueueSize(1));

        assertEquals(List.of(), failures);
        SdkCalls.assertArrivedOnce(source, "rs-single", "analytics-java");
    }

    @Test
    void gzipBatchArrivesOnce() throws InterruptedException {
        CreatedSource source = Tracking.createSource("rudder-batch");

        List<Throwable> failures = send(source, "rs-batch", builder -> builder.flushQueueSize(CALLS).setGZIP(true));

        assertEquals(List.of(), failures);
        SdkCalls.assertArrivedOnce(source, "rs-batch", "analytics-java");
    }

    /**
     * The first upload reaches the service, which stores it, but the SDK never receives the response,
     * as when a connection drops. The SDK's own retry resends the batch with the same
     * messageIds, and de-duplication drops the repeat. The SDK waits about 15 s before a retry.
     */
    @Test
    void retriedBatchArrivesOnce() throws InterruptedException {
        CreatedSource source = Tracking.createSource("rudder-retry");
        AtomicInteger uploads = new AtomicInteger();
        Interceptor lostFirstResponse = chain -> {
            Response response = chain.proceed(chain.request());
            if (uploads.incrementAndGet() == 1) {
                response.close();
                throw new IOException("response of the first upload lost on purpose");
            }
            return response;
        };
        OkHttpClient client = new OkHttpClient.Builder().addInterceptor(lostFirstResponse).build();

        List<Throwable> failures = send(source, "rs-retry",
                builder -> builder.client(client).flushQueueSize(CALLS).retries(3).setGZIP(true));

        assertEquals(List.of(), failures);
        assertEquals(2, uploads.get(), "the SDK should have uploaded the batch twice");
        SdkCalls.assertArrivedOnce(source, "rs-retry", "analytics-java");
    }

    /** Sends the calls of {@link SdkCalls} and a resend of the track call, and returns the failures the SDK reported. */
    private static List<Throwable> send(CreatedSource source, String prefix, Configuration configuration)
            throws InterruptedException {
        CountDownLatch reported = new CountDownLatch(CALLS);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        RudderAnalytics.Builder builder = RudderAnalytics.builder(source.writeKey())
                .setDataPlaneUrl("http://127.0.0.1:" + RestAssured.port)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        reported.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                        reported.countDown();
                    }
                });
        RudderAnalytics analytics = configuration.apply(builder).build();

        try {
            analytics.enqueue(IdentifyMessage.builder().messageId(SdkCalls.messageId(prefix, "identify"))
                    .userId(SdkCalls.userId(prefix)).traits(SdkCalls.TRAITS));
            analytics.enqueue(order(prefix));
            analytics.enqueue(PageMessage.builder(SdkCalls.PAGE_NAME).messageId(SdkCalls.messageId(prefix, "page"))
                    .anonymousId(SdkCalls.anonymousId(prefix)));
            analytics.enqueue(AliasMessage.builder(SdkCalls.anonymousId(prefix))
                    .messageId(SdkCalls.messageId(prefix, "alias")).userId(SdkCalls.userId(prefix)));
            analytics.enqueue(order(prefix));
            analytics.flush();
            assertTrue(reported.await(90, TimeUnit.SECONDS), "the SDK did not report every call");
        } finally {
            analytics.shutdown();
        }
        return failures;
    }

    private static TrackMessage.Builder order(String prefix) {
        return TrackMessage.builder(SdkCalls.ORDER_EVENT).messageId(SdkCalls.messageId(prefix, "order"))
                .userId(SdkCalls.userId(prefix)).properties(SdkCalls.ORDER_PROPERTIES);
    }

    @FunctionalInterface
    private interface Configuration {
        RudderAnalytics.Builder apply(RudderAnalytics.Builder builder);
    }
}
