package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A profile's counters for one channel. {@code contacts}, {@code conversions} and
 * {@code conversionValue} come from customer events; {@code sent}, {@code delivered},
 * {@code opened}, {@code clicked} and {@code converted} from {@code cm.deliveries}.
 * {@code lastContactAt} is null until a contact event arrives.
 */
public record ChannelStats(
        String channel,
        long contacts,
        long conversions,
        BigDecimal conversionValue,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long converted,
        Instant lastContactAt) {

    public static ChannelStats empty(String channel) {
        return new ChannelStats(channel, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, null);
    }
}
