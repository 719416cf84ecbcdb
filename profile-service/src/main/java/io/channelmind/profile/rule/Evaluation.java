package io.channelmind.profile.rule;

import java.time.Instant;
import java.util.Map;

/**
 * What a rule is evaluated against besides the profile: the time of evaluation, which
 * {@code recencyDays} and event windows are measured to, the profile's totals for every window of
 * the rule, each ending at {@code now}, and the smoothing of per-channel rates.
 */
public record Evaluation(Instant now, Map<Window, WindowTotals> windows, RateSmoothing rates) {

    /** Returns an evaluation whose per-channel rates are all missing. */
    public Evaluation(Instant now, Map<Window, WindowTotals> windows) {
        this(now, windows, RateSmoothing.NONE);
    }

    /** Returns an evaluation at {@code now} for rules without event windows or rates. */
    public static Evaluation at(Instant now) {
        return new Evaluation(now, Map.of());
    }

    /** Returns the totals of a window; throws when the caller did not load that window. */
    WindowTotals totals(Window window) {
        WindowTotals totals = windows.get(window);
        if (totals == null) {
            throw new IllegalStateException("The totals of " + window + " were not loaded before evaluation");
        }
        return totals;
    }
}
