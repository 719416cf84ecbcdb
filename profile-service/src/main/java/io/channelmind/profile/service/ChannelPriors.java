package io.channelmind.profile.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.profile.domain.ChannelStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Smooths each channel's response rates with a Beta prior whose mean is the channel's rate over
 * all profiles and whose strength is a fixed number of pseudo-trials (empirical Bayes). A profile
 * with few trials then gets a rate near its channel's average instead of 0 or 1, and its own
 * history outweighs the prior once it has many more trials than the prior's strength. Four rates
 * are smoothed: conversions per contact (customer events) and opens, clicks and credited
 * conversions per delivered message ({@code cm.deliveries}). The population rates are cached for
 * {@code channelmind.profile.rate-prior-refresh} and read again on the first request after that,
 * or on every request when it is 0.
 */
@ApplicationScoped
public class ChannelPriors {

    private static final String POPULATION = """
            select channel, sum(conversions)::float8, sum(contacts)::float8, sum(opened)::float8,
                   sum(clicked)::float8, sum(converted)::float8, sum(delivered)::float8
            from profile_channel group by channel""";

    private static final Logger LOG = Logger.getLogger(ChannelPriors.class);

    /**
     * A channel's rates over all profiles, each capped at 1 and null when no profile has a trial:
     * conversions per contact, and opens, clicks and credited conversions per delivered message.
     */
    public record PopulationRates(Double response, Double open, Double click, Double conversion) {
    }

    /** A profile's smoothed rates on one channel; a rate is null when its population rate is. */
    public record SmoothedRates(Double response, Double open, Double click, Double conversion) {
    }

    private final Pool pool;
    private final double strength;
    private final Uni<Map<String, PopulationRates>> rates;

    public ChannelPriors(Pool pool,
            @ConfigProperty(name = "channelmind.profile.rate-prior-strength", defaultValue = "20") double strength,
            @ConfigProperty(name = "channelmind.profile.rate-prior-refresh", defaultValue = "60s") Duration refresh) {
        this.pool = pool;
        this.strength = strength;
        Uni<Map<String, PopulationRates>> load = Uni.createFrom().deferred(this::loadRates);
        this.rates = refresh.isZero() ? load : load.memoize().atLeast(refresh);
    }

    /** Returns the population rates per channel; a channel without any counter is absent. */
    public Uni<Map<String, PopulationRates>> populationRates() {
        return rates;
    }

    /** Returns the profile's smoothed rates on the channel of {@code stats}. */
    public SmoothedRates smooth(Map<String, PopulationRates> population, ChannelStats stats) {
        PopulationRates prior = population.get(stats.channel());
        if (prior == null) {
            return new SmoothedRates(null, null, null, null);
        }
        return new SmoothedRates(
                smoothedRate(prior.response(), stats.contacts(), stats.conversions()),
                smoothedRate(prior.open(), stats.delivered(), stats.opened()),
                smoothedRate(prior.click(), stats.delivered(), stats.clicked()),
                smoothedRate(prior.conversion(), stats.delivered(), stats.converted()));
    }

    /**
     * Returns the posterior mean {@code (successes + strength * prior) / (trials + strength)},
     * capped at 1, or null when the population rate {@code prior} is null.
     */
    public Double smoothedRate(Double prior, long trials, long successes) {
        if (prior == null) {
            return null;
        }
        return Math.min(1.0, (successes + strength * prior) / (trials + strength));
    }

    private Uni<Map<String, PopulationRates>> loadRates() {
        return pool.query(POPULATION).execute().map(rows -> {
            Map<String, PopulationRates> population = new HashMap<>();
            for (Row row : rows) {
                population.put(row.getString(0), new PopulationRates(ratio(row, 1, 2), ratio(row, 3, 6),
                        ratio(row, 4, 6), ratio(row, 5, 6)));
            }
            return population;
        }).onFailure().recoverWithItem(failure -> {
            // Cached like a result, so a failing database is queried again only after the refresh period.
            LOG.warnf(failure, "Reading the channels' population response rates failed; rates are left out");
            return Map.of();
        });
    }

    /** Returns column {@code successes} over column {@code trials}, capped at 1, or null without trials. */
    private static Double ratio(Row row, int successes, int trials) {
        double denominator = row.getDouble(trials);
        return denominator > 0 ? Math.min(1.0, row.getDouble(successes) / denominator) : null;
    }
}
