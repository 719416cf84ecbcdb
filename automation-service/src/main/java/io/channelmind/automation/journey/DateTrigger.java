package io.channelmind.automation.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a date trait (a birthday, a renewal date) fires today for one profile. "Today"
 * and the firing time are the profile's own: its {@code timeZone} trait, else the trigger's
 * {@code defaultZone}, else UTC.
 */
final class DateTrigger {

    private static final LocalTime DEFAULT_AT = LocalTime.of(9, 0);

    private DateTrigger() {
    }

    /**
     * Returns the profile's local date when the trigger fires for it now: the attribute date plus
     * {@code offsetDays} is that date (every year for {@code yearly}), and the local time has
     * reached {@code at}. A 29 February birthday fires on 28 February in other years.
     */
    static Optional<LocalDate> firesOn(JourneyDefinition definition, Map<String, Object> traits, Instant now) {
        JourneyDefinition.Trigger trigger = definition.trigger();
        Optional<LocalDate> attribute = date(traits.get(trigger.attribute()));
        if (attribute.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = JourneyEngine.zone(traits, definition);
        ZonedDateTime local = now.atZone(zone);
        LocalTime at = trigger.at() == null ? DEFAULT_AT : LocalTime.parse(trigger.at());
        if (local.toLocalTime().isBefore(at)) {
            return Optional.empty();
        }

        LocalDate today = local.toLocalDate();
        int offset = trigger.offsetDays() == null ? 0 : trigger.offsetDays();
        LocalDate attributeDay = today.minusDays(offset);
        boolean matches;
        if ("once".equals(trigger.repeat())) {
            matches = attribute.get().equals(attributeDay);
        } else {
            MonthDay anniversary = MonthDay.from(attribute.get());
            matches = anniversary.atYear(attributeDay.getYear()).equals(attributeDay);
        }
        return matches ? Optional.of(today) : Optional.empty();
    }

    private static Optional<LocalDate> date(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
