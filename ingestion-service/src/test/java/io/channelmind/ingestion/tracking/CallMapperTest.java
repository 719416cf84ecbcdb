package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallMapperTest {

    @ParameterizedTest
    @CsvSource({
        "Order Completed, conversion",
        "order_completed, conversion",
        "  ORDER   COMPLETED , conversion",
        "Email Delivered, contact",
        "push_notification_received, contact",
        "Order Refunded, track",
        "Product Viewed, track"
    })
    void trackEventType(String eventName, String expectedType) {
        assertEquals(expectedType, CallMapper.eventType(track(eventName)));
    }

    private static TrackingCall track(String event) {
        Instant now = Instant.now();
        return new TrackingCall(CallType.TRACK, "m", "u", null, event, null, null, null, CompactObject.EMPTY,
                CompactObject.EMPTY, CallContext.EMPTY, now, null, now);
    }
}
