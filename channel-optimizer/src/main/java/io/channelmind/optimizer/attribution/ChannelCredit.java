package io.channelmind.optimizer.attribution;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The conversions and value one model credits to one channel. */
public record ChannelCredit(
        String channel,
        @Schema(description = "Conversions credited to the channel; fractional for shared credit") double conversions,
        @Schema(description = "Conversion value credited to the channel") double value,
        @Schema(description = "Markov only: the share of conversions lost when the channel is removed from every"
                + " journey; null for the other models", nullable = true) Double removalEffect,
        @Schema(description = "Markov only: the share of conversion value lost when the channel is removed",
                nullable = true) Double valueRemovalEffect) {

    static ChannelCredit heuristic(String channel, double conversions, double value) {
        return new ChannelCredit(channel, conversions, value, null, null);
    }
}
