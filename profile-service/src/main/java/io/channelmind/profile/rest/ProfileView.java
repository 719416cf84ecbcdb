package io.channelmind.profile.rest;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.channelmind.profile.domain.ChannelStats;
import io.channelmind.profile.domain.Features;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.service.ChannelPriors;

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
        List<ChannelView> channels,
        FeaturesView features) {

    /**
     * Counters of one channel. {@code responseRate} is conversions per contact smoothed towards
     * the channel's rate over all profiles, null while no profile has a contact on the channel.
     */
    public record ChannelView(
            String channel,
            long contacts,
            long conversions,
            BigDecimal conversionValue,
            long sent,
            Instant lastContactAt,
            Double responseRate) {
    }

    /**
     * Purchase and engagement features. {@code recencyDays} counts whole days from the last
     * purchase to the time of the request; hours and weekdays are in the profile's time zone.
     */
    public record FeaturesView(
            Long recencyDays,
            long frequency,
            BigDecimal monetary,
            long purchases,
            long cancellations,
            long returns,
            Instant firstPurchaseAt,
            Instant lastPurchaseAt,
            String firstChannel,
            String lastChannel,
            Integer preferredHour,
            DayOfWeek preferredWeekday,
            long lifetimeDays,
            long[] engagementHours,
            long[] engagementWeekdays) {

        static FeaturesView from(Profile profile, Instant now) {
            Features features = profile.features();
            return new FeaturesView(features.recencyDays(now), features.frequency(),
                    Decimals.plain(features.monetary()), features.purchases(), features.cancellations(),
                    features.returns(), features.firstPurchaseAt(), features.lastPurchaseAt(), features.firstChannel(),
                    profile.lastChannel(), features.preferredHour(), features.preferredWeekday(),
                    Duration.between(profile.firstSeenAt(), profile.lastSeenAt()).toDays(),
                    features.engagementHours(), features.engagementWeekdays());
        }
    }

    /** Returns the view of the profile, smoothing response rates with the channels' population rates. */
    static ProfileView from(Profile profile, Map<String, Double> populationRates, ChannelPriors priors) {
        List<ChannelView> channels = profile.channels().values().stream()
                .sorted(Comparator.comparing(ChannelStats::channel))
                .map(stats -> new ChannelView(stats.channel(), stats.contacts(), stats.conversions(),
                        Decimals.plain(stats.conversionValue()), stats.sent(), stats.lastContactAt(),
                        priors.smoothedRate(populationRates, stats.channel(), stats.contacts(), stats.conversions())))
                .toList();
        return new ProfileView(profile.profileKey(), profile.email(), profile.phone(), profile.firstName(),
                profile.locale(), profile.timeZone(), new TreeMap<>(profile.consent()), profile.traits(),
                profile.contacts(), profile.conversions(), Decimals.plain(profile.conversionValue()),
                profile.lastChannel(), profile.lastContactAt(), profile.firstSeenAt(), profile.lastSeenAt(), channels,
                FeaturesView.from(profile, Instant.now()));
    }
}
