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
import io.channelmind.profile.interest.AnchorSet;
import io.channelmind.profile.interest.InterestTag;
import io.channelmind.profile.service.ChannelPriors;
import io.channelmind.profile.service.ChannelPriors.PopulationRates;
import io.channelmind.profile.service.ChannelPriors.SmoothedRates;

/**
 * A profile as the REST API returns it; contact points, {@code lastChannel} and times may be
 * null. {@code interests} contains the interest tags: up to five anchor labels with the largest
 * shares of the profile's interest vector, each at least 0.05, largest first.
 */
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
        FeaturesView features,
        List<InterestTag> interests) {

    /**
     * Counters of one channel with smoothed rates, each pulled towards the channel's rate over all
     * profiles. {@code responseRate} is conversions per contact; {@code openRate},
     * {@code clickRate} and {@code conversionRate} are opens, clicks and credited conversions per
     * delivered message. A rate is null while no profile has a trial for it on the channel.
     */
    public record ChannelView(
            String channel,
            long contacts,
            long conversions,
            BigDecimal conversionValue,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long converted,
            Instant lastContactAt,
            Double responseRate,
            Double openRate,
            Double clickRate,
            Double conversionRate) {

        static ChannelView from(ChannelStats stats, SmoothedRates rates) {
            return new ChannelView(stats.channel(), stats.contacts(), stats.conversions(),
                    Decimals.plain(stats.conversionValue()), stats.sent(), stats.delivered(), stats.opened(),
                    stats.clicked(), stats.converted(), stats.lastContactAt(), rates.response(), rates.open(),
                    rates.click(), rates.conversion());
        }
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

    /** Returns the view of the profile, smoothing its rates with the channels' population rates. */
    static ProfileView from(Profile profile, Map<String, PopulationRates> populationRates, ChannelPriors priors) {
        List<ChannelView> channels = profile.channels().values().stream()
                .sorted(Comparator.comparing(ChannelStats::channel))
                .map(stats -> ChannelView.from(stats, priors.smooth(populationRates, stats)))
                .toList();
        return new ProfileView(profile.profileKey(), profile.email(), profile.phone(), profile.firstName(),
                profile.locale(), profile.timeZone(), new TreeMap<>(profile.consent()), profile.traits(),
                profile.contacts(), profile.conversions(), Decimals.plain(profile.conversionValue()),
                profile.lastChannel(), profile.lastContactAt(), profile.firstSeenAt(), profile.lastSeenAt(), channels,
                FeaturesView.from(profile, Instant.now()),
                InterestTag.top(profile.interests(), AnchorSet.builtIn(), InterestTag.TOP));
    }
}
