package io.channelmind.optimizer.allocation;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A budget to split over channels. */
public record AllocationRequest(
        @Schema(description = "Total spend for the period, in the currency of the curves", required = true)
        double totalBudget,
        @Schema(required = true) List<ChannelBudget> channels,
        @Schema(description = "MAX_OUTCOME (default), TARGET_ROAS or TARGET_CPA", nullable = true) AllocationGoal goal,
        @Schema(description = "Target ROAS (outcome per unit of spend) or target CPA (spend per conversion);"
                + " required for the target goals", nullable = true) Double target,
        @Schema(description = "Id of a stored curve fit: each channel without a curve takes the fit's responseCurve"
                + " of the same channel, and its history range when none is given", nullable = true) UUID fitId) {

    /** Creates a request whose channels carry their curves inline. */
    public AllocationRequest(double totalBudget, List<ChannelBudget> channels, AllocationGoal goal, Double target) {
        this(totalBudget, channels, goal, target, null);
    }

    public AllocationGoal goalOrDefault() {
        return goal == null ? AllocationGoal.MAX_OUTCOME : goal;
    }
}
