package io.channelmind.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @Test
    void formatMatchesIsoInstant() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstants.format(instant));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z"})
    void formatOfEdgeYearsMatchesIsoInstant(String text) {
        Instant instant = Instant.parse(text);

        assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstants.format(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T08:30:00Z", "2024-05-01T08:30:00.1Z", "2024-05-01T08:30:00.123Z",
        "2024-05-01T08:30:00.123456789Z", "2024-05-01T08:30:00+02:00", "2024-05-01T08:30:00.5-05:30",
        "2024-02-29T23:59:59-00:00", "2024-12-31T23:59:59+18:00"})
    void parseMatchesIsoDateTime(String text) {
        assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant(),
                IsoInstants.parseWithOffset(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T08:30:00", "2024-05-01T08:30Z", "2024-05-01t08:30:00Z", "2024-05-01T08:30:00z",
        "2024-02-30T08:30:00Z", "2024-05-01T24:00:00Z", "2024-05-01T08:30:60Z", "2024-05-01T08:30:00.Z",
        "2024-05-01T08:30:00.1234567890Z", "2024-05-01T08:30:00+19:00", "2024-05-01T08:30:00+02:00:30",
        "2024-05-01T08:30:00+0200", "2024-05-01T08:30:00Z[UTC]", "2024-05-01 08:30:00Z", "2024-5-01T08:30:00Z",
        "+2024-05-01T08:30:00Z", "2024-05-01T08:30:0xZ", "31-12-18"})
    void parseLeavesOtherFormsToFormatter(String text) {
        assertNull(IsoInstants.parseWithOffset(text));
    }
}
