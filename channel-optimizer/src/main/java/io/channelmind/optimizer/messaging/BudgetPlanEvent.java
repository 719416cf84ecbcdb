package io.channelmind.optimizer.messaging;

import java.util.List;

/**
 * A {@code cm.budget-plans} payload, schema version 1: a plan a user accepted, with the spend per
 * channel to apply from now on. eventId is the plan id, so a consumer can de-duplicate a plan
 * that was published twice after a failed accept was retried.
 */
public record BudgetPlanEvent(
        int schemaVersion,
        String eventId,
        String planId,
        String name,
        String goal,
        Double target,
        double totalBudget,
        double plannedSpend,
        double expectedOutcome,
        String acceptedAt,
        List<ChannelSpend> channels) {

    /** Spend per channel before and after the plan. */
    public record ChannelSpend(String channel, double currentSpend, double proposedSpend, double expectedOutcome) {
    }
}
