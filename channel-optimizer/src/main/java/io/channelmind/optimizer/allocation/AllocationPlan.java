package io.channelmind.optimizer.allocation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A proposed split of a budget, with the expected result, warnings and the reason per channel. */
public record AllocationPlan(
        AllocationGoal goal,
        @Schema(nullable = true) Double target,
        double totalBudget,
        @Schema(description = "Spend the plan uses; below totalBudget only for a target goal") double plannedSpend,
        double currentOutcome,
        double expectedOutcome,
        @Schema(description = "expectedOutcome / plannedSpend; null when plannedSpend is 0", nullable = true)
        Double expectedRoas,
        @Schema(description = "Marginal ROI shared by the channels strictly between their bounds, the price of one"
                + " more unit of budget; null when no channel is between its bounds", nullable = true)
        Double marginalRoi,
        List<ChannelAllocation> channels,
        @Schema(description = "Spend outside the historical range, channels without history, unreachable targets")
        List<String> warnings) {
}
