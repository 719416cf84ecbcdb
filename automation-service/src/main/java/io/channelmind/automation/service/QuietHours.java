package io.channelmind.automation.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A daily period in the recipient's own time zone when no message may be sent, from
 * {@code start} (inclusive) to {@code end} (exclusive) in local wall-clock time. A period whose
 * start is after its end runs over midnight, such as 21:00 to 08:00, and equal times mean no
 * quiet hours. Offsets and daylight-saving changes come from the java.time zone rules of the
 * running JDK (for example, America/Sao_Paulo has had no daylight saving since 2019).
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public boolean isQuiet(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /**
     * Returns {@code due} when its local time is outside quiet hours, else the first whole
     * minute at which the quiet period that contains it ends. When the end falls into a
     * daylight-saving gap, the period ends when the gap ends, because the local clock then
     * already shows a later time. When it falls into a repeated hour, the first occurrence that
     * is not before {@code due} counts.
     */
    public Instant nextAllowed(Instant due, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(due, zone);
        if (!isQuiet(local.toLocalTime())) {
            return due;
        }
        LocalDate endDate = start.isAfter(end) && !local.toLocalTime().isBefore(start)
                ? local.toLocalDate().plusDays(1)
                : local.toLocalDate();
        Instant ends = firstInstantAtOrAfter(LocalDateTime.of(endDate, end), zone.getRules(), due);
        return roundUpToMinute(ends);
    }

    private static Instant firstInstantAtOrAfter(LocalDateTime localEnd, ZoneRules rules, Instant notBefore) {
        List<ZoneOffset> offsets = rules.getValidOffsets(localEnd);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(localEnd);
            return gap.getInstant();
        }
        // In a repeated hour the offset before the change comes first and gives the earlier instant.
        for (ZoneOffset offset : offsets) {
            Instant candidate = localEnd.toInstant(offset);
            if (!candidate.isBefore(notBefore)) {
                return candidate;
            }
        }
        return localEnd.toInstant(offsets.get(offsets.size() - 1));
    }

    private static Instant roundUpToMinute(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MINUTES);
        return truncated.equals(instant) ? instant : truncated.plus(1, ChronoUnit.MINUTES);
    }
}
