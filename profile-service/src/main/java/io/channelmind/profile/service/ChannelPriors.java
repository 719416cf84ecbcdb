package io.channelmind.profile.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Smooths each channel's response rate (conversions per contact) with a Beta prior whose mean is
 * the channel's rate over all profiles and whose strength is a fixed number of pseudo-contacts.
 * A profile with few contacts then gets a rate near its channel's average instead of 0 or 1, and
 * its own history outweighs the prior once it has many more contacts than the prior's strength.
 * The population rates are cached for {@code channelmind.profile.rate-prior-refresh} and read
 * again on the first request after that, or on every request when it is 0.
 */
@ApplicationScoped
public class ChannelPriors {

    private static final String POPULATION = """
            select channel, sum(conversions)::float8, sum(contacts)::float8 from profile_channel group by channel""";

    private static final Logger LOG = Logger.getLogger(ChannelPriors.class);

    private final Pool pool;
    private final double strength;
    private final Uni<Map<String, Double>> rates;

    public ChannelPriors(Pool pool,
            @ConfigProperty(name = "channelmind.profile.rate-prior-strength", defaultValue = "20") double strength,
            @ConfigProperty(name = "channelmind.profile.rate-prior-refresh", defaultValue = "60s") Duration refresh) {
        this.pool = pool;
        this.strength = strength;
        Uni<Map<String, Double>> load = Uni.createFrom().deferred(this::loadRates);
        this.rates = refresh.isZero() ? load : load.memoize().atLeast(refresh);
    }

    /** Returns the population response rate per channel, capped at 1. */
    public Uni<Map<String, Double>> populationRates() {
        return rates;
    }

    /**
     * Returns the posterior mean of the response rate, {@code (conversions + strength * p) /
     * (contacts + strength)} for the population rate {@code p}, or null for a channel without
     * contacts anywhere.
     */
    public Double smoothedRate(Map<String, Double> population, String channel, long contacts, long conversions) {
        Double prior = population.get(channel);
        if (prior == null) {
            return null;
        }
        return Math.min(1.0, (conversions + strength * prior) / (contacts + strength));
    }

    private Uni<Map<String, Double>> loadRates() {
        return pool.query(POPULATION).execute().map(rows -> {
            Map<String, Double> population = new HashMap<>();
            rows.forEach(row -> {
                double contacts = row.getDouble(2);
                if (contacts > 0) {
                    population.put(row.getString(0), Math.min(1.0, row.getDouble(1) / contacts));
                }
            });
            return population;
        }).onFailure().recoverWithItem(failure -> {
            // Cached like a result, so a failing database is queried again only after the refresh period.
            LOG.warnf(failure, "Reading the channels' population response rates failed; rates are left out");
            return Map.of();
        });
    }
}
