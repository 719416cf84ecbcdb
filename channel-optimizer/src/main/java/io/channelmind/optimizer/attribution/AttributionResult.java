package io.channelmind.optimizer.attribution;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The credit per channel of one model, sorted by channel, with the observed totals it distributes. */
public record AttributionResult(
        AttributionModel model,
        @Schema(description = "Markov order; null for the other models", nullable = true) Integer order,
        @Schema(description = "Conversions observed in the journeys; the credits add up to it") double totalConversions,
        @Schema(description = "Conversion value observed in the journeys; the credits add up to it") double totalValue,
        List<ChannelCredit> channels) {
}
