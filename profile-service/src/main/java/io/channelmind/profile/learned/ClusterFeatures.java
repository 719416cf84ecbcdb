package io.channelmind.profile.learned;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.service.ChannelPriors;
import io.channelmind.profile.service.ChannelPriors.PopulationRates;
import io.channelmind.profile.service.ChannelPriors.SmoothedRates;

/**
 * Builds the feature columns that learned segments cluster on. This is the only place that
 * chooses them: recency, frequency, monetary value, lifetime, the preferred hour as a point on a
 * circle (sine and cosine, so 23:00 and 00:00 are near), and per channel the smoothed open and
 * click rates. The interest vectors join these columns as one weighted block, see
 * {@link InterestBlock}.
 */
public final class ClusterFeatures {

    private ClusterFeatures() {
    }

    /**
     * Returns the columns for profiles evaluated at {@code now}, with a rate pair for each channel
     * that has a delivery in {@code population}, in channel name order.
     */
    public static List<FeatureColumn> columns(Instant now, ChannelPriors priors, Map<String, PopulationRates> population) {
        List<FeatureColumn> columns = new ArrayList<>();
        columns.add(new FeatureColumn("recencyDays", profile -> {
            Long days = profile.features().recencyDays(now);
            return days == null ? Double.NaN : days;
        }, true, "has not bought for a long time", "bought recently", "很久没有购买", "最近购买过", "距上次购买天数"));
        columns.add(new FeatureColumn("frequency", profile -> profile.features().frequency(), true,
                "buys often", "buys rarely", "经常购买", "很少购买", "购买次数"));
        columns.add(new FeatureColumn("monetary", profile -> profile.features().monetary().doubleValue(), false,
                "spends a lot", "spends little", "消费金额高", "消费金额低", "消费金额"));
        columns.add(new FeatureColumn("lifetimeDays",
                profile -> Duration.between(profile.firstSeenAt(), profile.lastSeenAt()).toDays(), true,
                "a long-standing customer", "a new customer", "老客户", "新客户", "客户时长（天）"));
        columns.add(new FeatureColumn("preferredHourSin", profile -> hourAngle(profile, true), false,
                "engages in the morning", "engages in the evening", "多在上午互动", "多在晚上互动", "偏好时段（正弦）"));
        columns.add(new FeatureColumn("preferredHourCos", profile -> hourAngle(profile, false), false,
                "engages around midnight", "engages around midday", "多在午夜前后互动", "多在中午前后互动",
                "偏好时段（余弦）"));
        for (String channel : new TreeSet<>(population.keySet())) {
            PopulationRates rates = population.get(channel);
            if (rates.open() != null) {
                columns.add(new FeatureColumn(channel + ".openRate",
                        profile -> rate(priors, population, profile, channel, true), true,
                        "opens " + channel, "rarely opens " + channel, "经常打开 " + channel + " 消息",
                        "很少打开 " + channel + " 消息", channel + " 打开率"));
                columns.add(new FeatureColumn(channel + ".clickRate",
                        profile -> rate(priors, population, profile, channel, false), true,
                        "clicks in " + channel, "rarely clicks in " + channel, "经常点击 " + channel + " 消息",
                        "很少点击 " + channel + " 消息", channel + " 点击率"));
            }
        }
        return columns;
    }

    /** Returns the rows of the feature matrix, one per profile in order; missing values are NaN. */
    public static double[][] matrix(List<Profile> profiles, List<FeatureColumn> columns) {
        double[][] rows = new double[profiles.size()][columns.size()];
        for (int i = 0; i < profiles.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                rows[i][j] = columns.get(j).reader().applyAsDouble(profiles.get(i));
            }
        }
        return rows;
    }

    private static double hourAngle(Profile profile, boolean sine) {
        Integer hour = profile.features().preferredHour();
        if (hour == null) {
            return Double.NaN;
        }
        double angle = 2 * Math.PI * hour / 24;
        return sine ? Math.sin(angle) : Math.cos(angle);
    }

    private static double rate(ChannelPriors priors, Map<String, PopulationRates> population, Profile profile,
            String channel, boolean open) {
        SmoothedRates smoothed = priors.smooth(population, profile.channel(channel));
        Double value = open ? smoothed.open() : smoothed.click();
        return value == null ? Double.NaN : value;
    }
}
