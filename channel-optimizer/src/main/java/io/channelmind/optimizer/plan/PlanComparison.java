package io.channelmind.optimizer.plan;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Two or more plans side by side: totals per plan and the proposed spend of every channel in each. */
public record PlanComparison(List<PlanTotals> plans, List<ChannelRow> channels) {

    /** The totals of one plan. */
    public record PlanTotals(UUID id, @Schema(nullable = true) String name, String status, double plannedSpend,
            double expectedOutcome, @Schema(nullable = true) Double expectedRoas) {
    }

    /**
     * One channel across the plans, in the order of {@code plans}; null where a plan does not
     * contain the channel.
     */
    public record ChannelRow(String channel, List<Double> proposedSpend, List<Double> expectedOutcome) {
    }
}
