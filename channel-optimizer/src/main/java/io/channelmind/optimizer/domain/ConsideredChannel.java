package io.channelmind.optimizer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One candidate channel of a recommendation, with the numbers it was ranked by. */
public record ConsideredChannel(
        String channel,
        @Schema(description = "Contact events on the channel, over all profiles") long contacts,
        @Schema(description = "Conversions credited to the channel, over all profiles") long conversions,
        @Schema(description = "Posterior mean of the conversion rate,"
                + " (conversions + alpha) / (contacts + alpha + beta)")
        double posteriorMean,
        @Schema(description = "Segment members contacted on the channel; all profiles contacted on it when the"
                + " basis is all-profiles") long reachableMembers) {
}
