package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
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

    /** The loop returns the same text as the regular expression it replaced. */
    @Test
    void normaliseMatchesRegex() {
        Pattern whitespace = Pattern.compile("\\s+");
        for (String name : List.of("Order Completed", "order_completed", "  ORDER   COMPLETED ", "a__b", "_a_", "a _ b",
                "a\t\u000B\f\r\nb", "a\u00A0b", "Ärger Über", "", " ", "__", "x")) {
            String expected = whitespace.matcher(name.trim().replace('_', ' ')).replaceAll(" ").toLowerCase(Locale.ROOT);
            assertEquals(expected, CallMapper.normalise(name), name);
        }
    }

    private static TrackingCall track(String event) {
        Instant now = Instant.now();
        return new TrackingCall(CallType.TRACK, "m", "u", null, event, null, null, null, CompactObject.EMPTY,
                CompactObject.EMPTY, CallContext.EMPTY, now, null, now);
    }
}
