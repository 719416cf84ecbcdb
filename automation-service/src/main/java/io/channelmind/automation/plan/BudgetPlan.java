package io.channelmind.automation.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An accepted budget plan as stored: the budget per channel for its period (a calendar month in
 * UTC, {@code YYYY-MM}).
 */
public record BudgetPlan(UUID planId, String name, String goal, BigDecimal totalBudget, BigDecimal plannedSpend,
        String period, Instant acceptedAt, List<ChannelBudget> channels) {

    /** The budget of one channel. */
    public record ChannelBudget(String channel, BigDecimal budget) {
    }
}
