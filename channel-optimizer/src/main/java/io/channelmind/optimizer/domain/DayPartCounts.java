package io.channelmind.optimizer.domain;

/**
 * An audience's responses on a channel in one part of the day: opens and clicks of delivered
 * messages ({@code cm.deliveries}) and conversions ({@code cm.customer-events}).
 */
public record DayPartCounts(long opens, long clicks, long conversions) {

    public static final DayPartCounts NONE = new DayPartCounts(0, 0, 0);

    /** Returns counts with conversions only. */
    public static DayPartCounts ofConversions(long conversions) {
        return new DayPartCounts(0, 0, conversions);
    }

    /** Returns the number of responses of every kind. */
    public long responses() {
        return opens + clicks + conversions;
    }

    /** Returns the sum of both counts, kind by kind. */
    public DayPartCounts plus(DayPartCounts other) {
        return new DayPartCounts(opens + other.opens, clicks + other.clicks, conversions + other.conversions);
    }
}
