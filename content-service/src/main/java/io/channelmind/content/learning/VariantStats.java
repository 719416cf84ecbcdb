package io.channelmind.content.learning;

import io.channelmind.web.stats.BetaPosterior;

/**
 * Outcomes of one variant in one segment.
 *
 * @param variantId the copy id of the variant
 * @param sends deliveries counted
 * @param clicks clicks counted
 * @param conversions conversions counted; the bandit learns from these
 */
public record VariantStats(String variantId, long sends, long clicks, long conversions) {

    /** Returns the Beta posterior of the conversion rate from a uniform Beta(1, 1) prior. */
    public BetaPosterior posterior() {
        long successes = Math.min(conversions, sends);
        return new BetaPosterior(1.0 + successes, 1.0 + (sends - successes));
    }
}
