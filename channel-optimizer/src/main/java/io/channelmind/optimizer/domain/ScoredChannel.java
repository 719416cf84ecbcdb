package io.channelmind.optimizer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One candidate channel of a bandit recommendation, with the numbers behind its draw. */
public record ScoredChannel(
        String channel,
        @Schema(description = "Predicted conversion probability of the audience on the channel")
        double predictedResponse,
        @Schema(description = "Where predictedResponse comes from: response-model, or channel-history (the"
                + " pooled posterior mean over all profiles) when no model covers the channel",
                enumeration = {SOURCE_MODEL, SOURCE_HISTORY}) String predictionSource,
        @Schema(description = "The audience's own contacts on the channel") long contacts,
        @Schema(description = "The audience's own conversions on the channel") long conversions,
        @Schema(description = "Mean of the Beta posterior: the prediction, worth a fixed number of contacts, updated"
                + " with the audience's own contacts and conversions") double posteriorMean,
        @Schema(description = "The conversion rate drawn from the posterior (Thompson sampling)") double sampledRate,
        @Schema(description = "Observed conversion rate of the comparison group on the channel; null when it has no"
                + " contact there", nullable = true) Double referenceRate) {

    public static final String SOURCE_MODEL = "response-model";
    public static final String SOURCE_HISTORY = "channel-history";
}
