package io.channelmind.automation.journey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * day-of-week) in a time zone. cron-utils matches the expression against wall-clock time, and
 * each matching local date-time becomes one instant in the zone. A local time
 * that the spring daylight-saving change skips runs right after the change, so 02:30 becomes
 * 03:30. A local time that the autumn change repeats runs once, in its first pass. An
 * occurrence is identified by its local date-time and zone.
 */
public final class CronOccurrences {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Longer than daylight-saving gaps, which are at most two hours (Antarctica/Troll). A larger
     * offset change, such as Samoa skipping 30 December 2011, can still lose an occurrence.
     */
    private static final Duration MAX_TRANSITION = Duration.ofHours(3);

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
        // Wall-clock times are searched in UTC, where no local time is skipped or repeated. The
        // search starts a few hours early because a skipped time maps to an instant later than
        // its wall-clock time, and the loop drops every candidate that is not after `after`.
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).minus(MAX_TRANSITION);
        Optional<ZonedDateTime> wallClock = executionTime.nextExecution(start.atZone(ZoneOffset.UTC));
        while (wallClock.isPresent()) {
            ZonedDateTime occurrence = ZonedDateTime.ofLocal(wallClock.get().toLocalDateTime(), zone, null);
            if (occurrence.toInstant().isAfter(after)) {
                return Optional.of(occurrence);
            }
            wallClock = executionTime.nextExecution(wallClock.get());
        }
        return Optional.empty();
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
