package io.channelmind.profile.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.channelmind.profile.domain.ChannelStats;
import io.channelmind.profile.domain.Profile;

/** A profile as the REST API returns it; contact points, {@code lastChannel} and times may be null. */
public record ProfileView(
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
        List<ChannelView> channels) {

    /** Counters of one channel. */
    public record ChannelView(
            String channel,
            long contacts,
            long conversions,
            BigDecimal conversionValue,
            long sent,
            Instant lastContactAt) {

        static ChannelView from(ChannelStats stats) {
            return new ChannelView(stats.channel(), stats.contacts(), stats.conversions(),
                    Decimals.plain(stats.conversionValue()), stats.sent(), stats.lastContactAt());
        }
    }

    static ProfileView from(Profile profile) {
        List<ChannelView> channels = profile.channels().values().stream()
                .sorted(Comparator.comparing(ChannelStats::channel))
                .map(ChannelView::from)
                .toList();
        return new ProfileView(profile.profileKey(), profile.email(), profile.phone(), profile.firstName(),
                profile.locale(), profile.timeZone(), new TreeMap<>(profile.consent()), profile.traits(),
                profile.contacts(), profile.conversions(), Decimals.plain(profile.conversionValue()),
                profile.lastChannel(), profile.lastContactAt(), profile.firstSeenAt(), profile.lastSeenAt(), channels);
    }
}
