package io.channelmind.optimizer.allocation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One channel of a plan: current and proposed spend, expected outcomes and why it moved. */
public record ChannelAllocation(
        String channel,
        double currentSpend,
        double proposedSpend,
        @Schema(description = "proposedSpend - currentSpend") double change,
        double lowerBound,
        double upperBound,
        boolean locked,
        @Schema(description = "Expected outcome at the current spend") double currentOutcome,
        @Schema(description = "Expected outcome at the proposed spend") double expectedOutcome,
        @Schema(description = "Extra outcome per extra unit of spend at the proposed spend; null when undefined"
                + " (no curve, or an infinite slope at zero spend)", nullable = true) Double marginalRoi,
        @Schema(description = "Why the channel got this spend, in words") String reason) {
}
