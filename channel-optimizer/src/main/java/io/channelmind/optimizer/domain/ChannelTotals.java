package io.channelmind.optimizer.domain;

import java.math.BigDecimal;

/**
 * Customer-event totals of one channel over a set of profiles (all profiles, or the members of
 * one segment).
 *
 * @param contacts    contact events on the channel
 * @param reached     distinct profiles with at least one contact on the channel
 * @param conversions conversion events credited to the channel
 * @param value       sum of the conversion values
 */
public record ChannelTotals(String channel, long contacts, long reached, long conversions, BigDecimal value) {

    /** Totals of a channel that none of the profiles has an event on. */
    public static ChannelTotals empty(String channel) {
        return new ChannelTotals(channel, 0, 0, 0, BigDecimal.ZERO);
    }
}
