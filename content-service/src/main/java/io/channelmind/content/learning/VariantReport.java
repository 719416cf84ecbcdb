package io.channelmind.content.learning;

import io.channelmind.web.stats.BetaPosterior;

/**
 * The bandit's estimate for one variant.
 *
 * @param posterior Beta posterior of the conversion rate
 * @param probabilityBest Monte Carlo estimate of the probability that this variant converts best
 * @param trafficShare share of the segment's next sends, 0 to 1, the exploration floor included
 */
public record VariantReport(String variantId, long sends, long clicks, long conversions, BetaPosterior posterior,
        double probabilityBest, double trafficShare) {
}
