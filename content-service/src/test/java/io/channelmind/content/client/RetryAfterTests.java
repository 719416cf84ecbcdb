package io.channelmind.content.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void secondsAreParsed() {
        assertEquals(Optional.of(Duration.ofSeconds(20)), RetryAfter.parse(" 20 ", NOW));
    }

    @Test
    void httpDateIsParsed() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sun, 1 Jun 2025 08:01:30 GMT", NOW));
    }

    @Test
    void pastDateIsNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 1 Jun 2025 07:59:00 GMT", NOW));
    }

    @Test
    void invalidValueIsIgnored() {
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999", NOW));
    }
}
