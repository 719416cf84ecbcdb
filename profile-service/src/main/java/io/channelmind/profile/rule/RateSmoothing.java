package io.channelmind.profile.rule;

import io.channelmind.profile.domain.ChannelStats;

/**
 * Computes a profile's smoothed response rate on one channel. The rate depends on the channel's
 * rate over all profiles as well as the profile's own counters, so the caller supplies it with
 * the population rates loaded for the evaluation.
 */
@FunctionalInterface
public interface RateSmoothing {

    /** Rates a rule can read per channel: {@code responseRate}, {@code openRate}, {@code clickRate}, {@code conversionRate}. */
    enum Rate {
        RESPONSE, OPEN, CLICK, CONVERSION
    }

    /** Smoothing without population rates: every rate is missing. */
    RateSmoothing NONE = (stats, rate) -> null;

    /** Returns the smoothed rate, or null when no profile has a trial for it on the channel. */
    Double rate(ChannelStats stats, Rate rate);
}
