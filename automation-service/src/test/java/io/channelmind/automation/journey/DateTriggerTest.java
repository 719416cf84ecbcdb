package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DateTriggerTest {

    private static JourneyDefinition trigger(String repeat, Integer offsetDays) {
        return new JourneyDefinition("dates", new JourneyDefinition.Trigger("date-attribute", null, null, "day", repeat, offsetDays,
                "09:00", "Europe/Paris"), null, List.of(send("s", "sms", "x", null)), null);
    }

    @Test
    void birthdayUsesProfileZone() {
        JourneyDefinition yearly = trigger("yearly", null);

        // 23:30Z on 28 March is already 09:30 on 29 March in Auckland (UTC+13), but still 28 March in Paris.
        Instant now = Instant.parse("2030-03-28T20:30:00Z");

        assertEquals(Optional.of(LocalDate.parse("2030-03-29")),
                DateTrigger.firesOn(yearly, traits("day", "1990-03-29", "timeZone", "Pacific/Auckland"), now));
        assertEquals(Optional.empty(), DateTrigger.firesOn(yearly, traits("day", "1990-03-29"), now));
    }

    @Test
    void leapDayBirthdayFiresOnFebruary28() {
        JourneyDefinition yearly = trigger("yearly", null);

        assertEquals(Optional.of(LocalDate.parse("2031-02-28")),
                DateTrigger.firesOn(yearly, traits("day", "2000-02-29"), Instant.parse("2031-02-28T12:00:00Z")));
    }

    @Test
    void renewalWeekBeforeFiresOnce() {
        JourneyDefinition once = trigger("once", -7);

        assertEquals(Optional.of(LocalDate.parse("2030-06-08")),
                DateTrigger.firesOn(once, traits("day", "2030-06-15"), Instant.parse("2030-06-08T12:00:00Z")));
        assertEquals(Optional.empty(),
                DateTrigger.firesOn(once, traits("day", "2029-06-15"), Instant.parse("2030-06-08T12:00:00Z")));
        assertEquals(Optional.empty(),
                DateTrigger.firesOn(once, traits("day", "not a date"), Instant.parse("2030-06-08T12:00:00Z")));
    }
}
