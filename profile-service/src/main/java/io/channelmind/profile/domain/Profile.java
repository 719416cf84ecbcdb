package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.channelmind.profile.interest.InterestVector;

/**
 * A customer profile as stored: contact points, consent per channel, free traits, counters,
 * per-channel statistics keyed by channel name, purchase and engagement features and the
 * interest vector. Contact points, {@code lastChannel} and {@code interests} may be null.
 */
public record Profile(
        String profileKey,
        String email,
        String phone,
        String firstName,
        String locale,
        String timeZone,
        Map<String, Boolean> consent,
        Map<String, Object> traits,
        long contacts,
        long conversions,
        BigDecimal conversionValue,
        String lastChannel,
        Instant lastContactAt,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Map<String, ChannelStats> channels,
        Features features,
        InterestVector interests) {

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    public boolean hasPhone() {
        return phone != null && !phone.isBlank();
    }

    public ChannelStats channel(String name) {
        ChannelStats stats = channels.get(name);
        return stats == null ? ChannelStats.empty(name) : stats;
    }
}
