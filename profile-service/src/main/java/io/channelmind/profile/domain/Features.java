package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Purchase and engagement features of a profile, all sums, minima or maxima over its events, so
 * applying the events in batches or all at once gives the same values. A {@code conversion} with
 * a negative value is a return, and a {@code cancellation} cancels a purchase. Engagement counts
 * contacts and conversions per hour of day and per ISO weekday (index 0 is Monday) in the
 * profile's time zone.
 */
public record Features(
        long purchases,
        long cancellations,
        long returns,
        BigDecimal monetary,
        Instant firstPurchaseAt,
        Instant lastPurchaseAt,
        String firstChannel,
        Instant firstContactAt,
        long[] engagementHours,
        long[] engagementWeekdays) {

    public static final int HOURS = 24;
    public static final int WEEKDAYS = 7;

    public static Features empty() {
        return new Features(0, 0, 0, BigDecimal.ZERO, null, null, null, null, new long[HOURS], new long[WEEKDAYS]);
    }

    /** Returns the purchases that were not cancelled, at least 0. */
    public long frequency() {
        return Math.max(0, purchases - cancellations);
    }

    /** Returns whole days from the last purchase to {@code now}, or null before the first purchase. */
    public Long recencyDays(Instant now) {
        return lastPurchaseAt == null ? null : Duration.between(lastPurchaseAt, now).toDays();
    }

    /** Returns the hour of day (0 to 23) with the most engagement, the earliest on ties, or null without any. */
    public Integer preferredHour() {
        int index = maxIndex(engagementHours);
        return index < 0 ? null : index;
    }

    /** Returns the weekday with the most engagement, the earliest from Monday on ties, or null without any. */
    public DayOfWeek preferredWeekday() {
        int index = maxIndex(engagementWeekdays);
        return index < 0 ? null : DayOfWeek.of(index + 1);
    }

    private static int maxIndex(long[] counts) {
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Features that && purchases == that.purchases && cancellations == that.cancellations
                && returns == that.returns && monetary.compareTo(that.monetary) == 0
                && Objects.equals(firstPurchaseAt, that.firstPurchaseAt)
                && Objects.equals(lastPurchaseAt, that.lastPurchaseAt)
                && Objects.equals(firstChannel, that.firstChannel)
                && Objects.equals(firstContactAt, that.firstContactAt)
                && Arrays.equals(engagementHours, that.engagementHours)
                && Arrays.equals(engagementWeekdays, that.engagementWeekdays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purchases, cancellations, returns, monetary.stripTrailingZeros(), firstPurchaseAt,
                lastPurchaseAt, firstChannel, firstContactAt, Arrays.hashCode(engagementHours),
                Arrays.hashCode(engagementWeekdays));
    }

    @Override
    public String toString() {
        return "Features[purchases=" + purchases + ", cancellations=" + cancellations + ", returns=" + returns
                + ", monetary=" + monetary + ", firstPurchaseAt=" + firstPurchaseAt + ", lastPurchaseAt="
                + lastPurchaseAt + ", firstChannel=" + firstChannel + ", firstContactAt=" + firstContactAt
                + ", engagementHours=" + Arrays.toString(engagementHours) + ", engagementWeekdays="
                + Arrays.toString(engagementWeekdays) + "]";
    }
}
