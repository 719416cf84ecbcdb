package io.channelmind.profile.rule;

import java.time.Instant;
import java.util.Map;

/**
 * What a rule is evaluated against besides the profile: the time of evaluation, which
 * {@code recencyDays} and event windows are measured to, and the profile's totals for every
 * window of the rule, each ending at {@code now}.
 */
public record Evaluation(Instant now, Map<Window, WindowTotals> windows) {

    /** Returns an evaluation at {@code now} for rules without event windows. */
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
