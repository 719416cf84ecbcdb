package io.channelmind.optimizer.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A six-hour part of the day in the customer's time zone, as stored in {@code profile_channel_day_part}. */
public enum DayPart {

    NIGHT("night", "夜间"),
    MORNING("morning", "上午"),
    AFTERNOON("afternoon", "下午"),
    EVENING("evening", "晚上");

    private final String id;
    private final String chinese;

    DayPart(String id, String chinese) {
        this.id = id;
        this.chinese = chinese;
    }

    /** Returns the stored name, such as {@code evening}. */
    public String id() {
        return id;
    }

    /** Returns the Simplified Chinese name, such as 晚上. */
    public String chinese() {
        return chinese;
    }

    /** Returns the part of the day an hour from 0 to 23 falls in. */
    public static DayPart ofHour(int hour) {
        return values()[hour / 6];
    }

    /** Returns the part of the day of an instant in a zone. */
    public static DayPart of(Instant instant, ZoneId zone) {
        return ofHour(instant.atZone(zone).getHour());
    }

    /** Returns the part with the stored name, or null for an unknown name. */
    public static DayPart fromId(String id) {
        for (DayPart part : values()) {
            if (part.id.equals(id)) {
                return part;
            }
        }
        return null;
    }

    /**
     * Returns the zone named by an IANA region id such as {@code Asia/Shanghai}, or null when the
     * text is missing or not a zone. A fixed offset such as {@code +08:00} is accepted too.
     */
    public static ZoneId zoneOrNull(Object name) {
        if (!(name instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The zone used when neither the event nor the profile names one. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
}
