package io.channelmind.optimizer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Beta(alpha, beta) prior on a channel's conversion rate. Observing c conversions in n
 * contacts gives the posterior Beta(alpha + c, beta + n - c), with mean
 * (c + alpha) / (n + alpha + beta).
 */
@Schema(description = "Beta prior on the conversion rate that every candidate's estimate starts from")
public record BetaPrior(
        @Schema(description = "Prior conversions (pseudo-count)") double alpha,
        @Schema(description = "Prior non-converting contacts (pseudo-count)") double beta) {

    /** Weight of the pooled prior, in contacts: the same weight as the uniform Beta(1, 1). */
    public static final double POOLED_STRENGTH = 2.0;

    /**
     * Returns the prior worth {@link #POOLED_STRENGTH} contacts centred on the pooled rate
     * {@code conversions / trials}; with no trials it is the uniform Beta(1, 1).
     */
    public static BetaPrior pooled(long conversions, long trials) {
        double rate = trials == 0 ? 0.5 : Math.min(1.0, (double) conversions / trials);
        return new BetaPrior(POOLED_STRENGTH * rate, POOLED_STRENGTH * (1.0 - rate));
    }

    /** Returns the prior mean, alpha / (alpha + beta). */
    public double mean() {
        return alpha / (alpha + beta);
    }

    /**
     * Returns the posterior mean after {@code conversions} in {@code trials} contacts. The
     * caller passes trials of at least conversions (see {@link #trials}).
     */
    public double posteriorMean(long conversions, long trials) {
        return (conversions + alpha) / (trials + alpha + beta);
    }

    /**
     * Returns the number of trials for a channel. Conversions can exceed contacts when a source
     * reports a conversion without its contact. Each such conversion then counts as a contact
     * too, so the Binomial model stays valid.
     */
    public static long trials(long contacts, long conversions) {
        return Math.max(contacts, conversions);
    }
}
