package io.channelmind.optimizer.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.messaging.CustomerEvent;

/** Checks which part of the day {@link CustomerEventRepository#dayParts} gives each event. */
class DayPartsTest {

    @Test
    void hoursMapToSixHourParts() {
        assertEquals(DayPart.NIGHT, DayPart.ofHour(0));
        assertEquals(DayPart.NIGHT, DayPart.ofHour(5));
        assertEquals(DayPart.MORNING, DayPart.ofHour(6));
        assertEquals(DayPart.AFTERNOON, DayPart.ofHour(12));
        assertEquals(DayPart.EVENING, DayPart.ofHour(18));
        assertEquals(DayPart.EVENING, DayPart.ofHour(23));
    }

    @Test
    void storedZoneMovesEveningUtcToNextMorning() {
        // 23:30 UTC is 07:30 the next day in Shanghai.
        List<DayPart> parts = CustomerEventRepository.dayParts(
                List.of(event("conversion", "p", "2024-05-01T23:30:00Z", null)), Map.of("p", "Asia/Shanghai"));

        assertEquals(List.of(DayPart.MORNING), parts);
    }

    @Test
    void identifyEarlierInBatchSetsZone() {
        List<DayPart> parts = CustomerEventRepository.dayParts(List.of(
                event("contact", "p", "2024-05-02T02:00:00Z", null),
                event("identify", "p", "2024-05-01T00:00:00Z", "America/Los_Angeles"),
                event("contact", "p", "2024-05-02T02:00:00Z", null)), Map.of());

        // Before the identify: 02:00 UTC is night; after it: 19:00 the day before in Los Angeles.
        assertEquals(Arrays.asList(DayPart.NIGHT, null, DayPart.EVENING), parts);
    }

    @Test
    void eventZoneWinsOverProfileZone() {
        List<DayPart> parts = CustomerEventRepository.dayParts(
                List.of(event("conversion", "p", "2024-05-01T23:30:00Z", "UTC")), Map.of("p", "Asia/Shanghai"));

        assertEquals(List.of(DayPart.EVENING), parts);
    }

    @Test
    void invalidOrMissingZoneFallsBackToUtc() {
        List<DayPart> parts = CustomerEventRepository.dayParts(List.of(
                event("conversion", "p", "2024-05-01T13:00:00Z", "Mars/Olympus"),
                event("conversion", "q", "2024-05-01T13:00:00Z", null)), Map.of("p", "not a zone"));

        assertEquals(List.of(DayPart.AFTERNOON, DayPart.AFTERNOON), parts);
    }

    @Test
    void otherTypesAndBadInstantsGetNoPart() {
        List<DayPart> parts = CustomerEventRepository.dayParts(List.of(
                event("track", "p", "2024-05-01T13:00:00Z", null),
                event("conversion", "p", "yesterday", null),
                event("conversion", "p", null, null)), Map.of());

        assertNull(parts.get(0));
        assertNull(parts.get(1));
        assertNull(parts.get(2));
    }

    private static CustomerEvent event(String type, String profileKey, String occurredAt, String timeZone) {
        Map<String, Object> traits = timeZone == null ? Map.of() : Map.of("timeZone", timeZone);
        return new CustomerEvent(1, type + "-" + occurredAt, type, profileKey, occurredAt, "sms", null, null, traits,
                null);
    }
}
