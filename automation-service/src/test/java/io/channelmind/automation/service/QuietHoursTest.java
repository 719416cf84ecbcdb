package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void outsideQuietHoursUnchanged() {
        Instant due = at("2026-06-10T10:15:42Z");

        assertEquals(due, NIGHT.nextAllowed(due, PARIS));
    }

    @Test
    void boundariesStartQuietEndAllowed() {
        assertTrue(NIGHT.isQuiet(LocalTime.of(21, 0)));
        assertTrue(NIGHT.isQuiet(LocalTime.of(7, 59)));
        assertFalse(NIGHT.isQuiet(LocalTime.of(8, 0)));
        assertFalse(NIGHT.isQuiet(LocalTime.of(20, 59)));
    }

    @Test
    void equalTimesMeanNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0));
        Instant due = at("2026-06-10T03:00:00Z");

        assertEquals(due, none.nextAllowed(due, PARIS));
    }

    @Test
    void sameDayPeriodEndsSameDay() {
        QuietHours early = new QuietHours(LocalTime.of(1, 0), LocalTime.of(6, 0));

        // 03:00 in Paris (UTC+2 in summer) moves to 06:00 local.
        assertEquals(at("2026-06-10T04:00:00Z"), early.nextAllowed(at("2026-06-10T01:00:00Z"), PARIS));
        assertEquals(at("2026-06-10T05:00:00Z"), early.nextAllowed(at("2026-06-10T05:00:00Z"), PARIS));
    }

    @Test
    void parisSpringForwardNight() {
        // 23:30 CET on 28 March; the clocks go from 02:00 CET to 03:00 CEST, so 08:00 is 06:00 UTC.
        assertEquals(at("2026-03-29T06:00:00Z"), NIGHT.nextAllowed(at("2026-03-28T22:30:00Z"), PARIS));
    }

    @Test
    void parisEndInsideGapEndsWithGap() {
        QuietHours late = new QuietHours(LocalTime.of(23, 0), LocalTime.of(2, 30));

        // 02:30 does not exist on 29 March 2026 in Paris; the clock shows 03:00 CEST at 01:00 UTC.
        assertEquals(at("2026-03-29T01:00:00Z"), late.nextAllowed(at("2026-03-29T00:30:00Z"), PARIS));
    }

    @Test
    void parisFallBackNight() {
        // 23:00 CEST on 24 October; 08:00 on 25 October is CET, 07:00 UTC.
        assertEquals(at("2026-10-25T07:00:00Z"), NIGHT.nextAllowed(at("2026-10-24T21:00:00Z"), PARIS));
    }

    @Test
    void parisRepeatedHourUsesNextOccurrence() {
        QuietHours early = new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30));

        // 02:30 happens twice on 25 October 2026: at 00:30 UTC (CEST) and at 01:30 UTC (CET).
        assertEquals(at("2026-10-25T00:30:00Z"), early.nextAllowed(at("2026-10-24T23:30:00Z"), PARIS));
        // 02:10 CET, in the repeated hour after the first 02:30 passed, is quiet by the wall clock again.
        assertEquals(at("2026-10-25T01:30:00Z"), early.nextAllowed(at("2026-10-25T01:10:00Z"), PARIS));
    }

    @Test
    void newYorkSpringForwardNight() {
        // 22:00 EST on 7 March; 08:00 on 8 March is EDT (UTC-4).
        assertEquals(at("2026-03-08T12:00:00Z"), NIGHT.nextAllowed(at("2026-03-08T03:00:00Z"), NEW_YORK));
    }

    @Test
    void newYorkFallBackNight() {
        // 22:00 EDT on 31 October; 08:00 on 1 November is EST (UTC-5).
        assertEquals(at("2026-11-01T13:00:00Z"), NIGHT.nextAllowed(at("2026-11-01T02:00:00Z"), NEW_YORK));
    }

    @Test
    void saoPauloHasNoDaylightSavingSince2019() {
        // Early November used to start daylight saving; in 2026 the offset stays UTC-3.
        assertEquals(at("2026-11-01T11:00:00Z"), NIGHT.nextAllowed(at("2026-11-01T02:00:00Z"), SAO_PAULO));
        assertEquals(at("2026-02-15T11:00:00Z"), NIGHT.nextAllowed(at("2026-02-15T01:00:00Z"), SAO_PAULO));
    }

    @Test
    void saoPaulo2018GapStillApplies() {
        QuietHours late = new QuietHours(LocalTime.of(22, 0), LocalTime.of(0, 30));

        // On 4 November 2018 the clocks went from 00:00 UTC-3 to 01:00 UTC-2, so 00:30 did not exist.
        assertEquals(at("2018-11-04T03:00:00Z"), late.nextAllowed(at("2018-11-04T02:00:00Z"), SAO_PAULO));
    }

    @Test
    void shanghaiFixedOffset() {
        // 22:00 in Shanghai (UTC+8) on the night New York changes its clocks; 08:00 is 00:00 UTC.
        assertEquals(at("2026-03-09T00:00:00Z"), NIGHT.nextAllowed(at("2026-03-08T14:00:00Z"), SHANGHAI));
    }

    @Test
    void endWithSecondsRoundsUpToMinute() {
        QuietHours odd = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0, 20));

        assertEquals(at("2026-01-11T07:01:00Z"), odd.nextAllowed(at("2026-01-10T22:00:00Z"), PARIS));
    }
}
