package io.channelmind.automation.journey;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * Occurrences of a five-field Unix cron expression (minute hour day-of-month month
 * day-of-week) in a time zone, computed by cron-utils. An occurrence is identified by its local
 * date-time and zone, so when an autumn daylight-saving change repeats a local hour, the second
 * instant with the same local time is the same occurrence.
 *
 * <p>NOTE: a local time that a spring daylight-saving change skips (02:30 in New York on
 * 14 March 2027) has no occurrence that day, as cron-utils 9.2.1 computes it; Vixie cron
 * would run it right after the change.
 */
public final class CronOccurrences {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime executionTime;
    private final ZoneId zone;

    private CronOccurrences(Cron cron, ZoneId zone) {
        this.executionTime = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    /** Parses and validates the expression; throws IllegalArgumentException with the parser's reason. */
    public static CronOccurrences of(String expression, ZoneId zone) {
        Cron cron = PARSER.parse(expression).validate();
        return new CronOccurrences(cron, zone);
    }

    /** Returns the first occurrence strictly after {@code after}. */
    public Optional<ZonedDateTime> next(Instant after) {
        return executionTime.nextExecution(after.atZone(zone));
    }

    /** Returns the occurrences in (from, to], one per local date-time. */
    public List<ZonedDateTime> between(Instant from, Instant to) {
        List<ZonedDateTime> occurrences = new ArrayList<>();
        Optional<ZonedDateTime> next = next(from);
        while (next.isPresent() && !next.get().toInstant().isAfter(to)) {
            ZonedDateTime occurrence = next.get();
            boolean repeatedLocalTime = !occurrences.isEmpty()
                    && key(occurrences.get(occurrences.size() - 1)).equals(key(occurrence));
            if (!repeatedLocalTime) {
                occurrences.add(occurrence);
            }
            next = next(occurrence.toInstant());
        }
        return occurrences;
    }

    /** Returns the identity of an occurrence: local date-time and zone, such as {@code 2026-10-25T02:30[Europe/Paris]}. */
    public static String key(ZonedDateTime occurrence) {
        return occurrence.toLocalDateTime() + "[" + occurrence.getZone().getId() + "]";
    }
}
