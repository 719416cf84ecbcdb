package io.channelmind.optimizer.attribution;

import java.util.List;

/**
 * A customer journey: the channels that touched the customer in order, with how many times the
 * journey ended in a conversion, the value of those conversions and how many times it ended
 * without one. Rows with the same path may repeat; each counts on its own.
 *
 * @param touchpoints channel names, first touch first; never empty
 * @param hoursBeforeEnd for each touchpoint the hours between it and the end of the journey, or
 *        null when the source has no times (time-decay then counts touchpoints from the end)
 */
public record Journey(List<String> touchpoints, List<Double> hoursBeforeEnd, double conversions, double value,
        double nulls) {

    public Journey {
        touchpoints = List.copyOf(touchpoints);
        hoursBeforeEnd = hoursBeforeEnd == null ? null : List.copyOf(hoursBeforeEnd);
        if (touchpoints.isEmpty()) {
            throw new IllegalArgumentException("a journey needs at least one touchpoint");
        }
        if (hoursBeforeEnd != null && hoursBeforeEnd.size() != touchpoints.size()) {
            throw new IllegalArgumentException("hoursBeforeEnd has " + hoursBeforeEnd.size()
                    + " entries for " + touchpoints.size() + " touchpoints");
        }
    }

    public Journey(List<String> touchpoints, double conversions, double value, double nulls) {
        this(touchpoints, null, conversions, value, nulls);
    }

    /** Returns the age of the touchpoint at {@code index}: hours before the end, or touchpoints before the last. */
    public double ageOf(int index) {
        return hoursBeforeEnd == null ? touchpoints.size() - 1 - index : hoursBeforeEnd.get(index);
    }
}
