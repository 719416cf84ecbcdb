package io.channelmind.optimizer.allocation;

/** The objective of a plan. */
public enum AllocationGoal {
    /** Spend the whole budget where it gives the largest expected outcome. */
    MAX_OUTCOME,
    /** Spend as much of the budget as keeps the expected outcome per unit of spend at or above the target. */
    TARGET_ROAS,
    /** Spend as much of the budget as keeps the spend per expected conversion at or below the target. */
    TARGET_CPA
}
