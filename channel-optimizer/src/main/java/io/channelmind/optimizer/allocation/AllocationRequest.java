package io.channelmind.optimizer.allocation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A budget to split over channels. */
public record AllocationRequest(
        @Schema(description = "Total spend for the period, in the currency of the curves", required = true)
        double totalBudget,
        @Schema(required = true) List<ChannelBudget> channels,
        @Schema(description = "MAX_OUTCOME (default), TARGET_ROAS or TARGET_CPA", nullable = true) AllocationGoal goal,
        @Schema(description = "Target ROAS (outcome per unit of spend) or target CPA (spend per conversion);"
                + " required for the target goals", nullable = true) Double target) {

    public AllocationGoal goalOrDefault() {
        return goal == null ? AllocationGoal.MAX_OUTCOME : goal;
    }
}
