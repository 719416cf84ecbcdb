package io.channelmind.optimizer.allocation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One channel of an allocation request: its curve, current spend, history and bounds. */
public record ChannelBudget(
        @Schema(required = true) String channel,
        @Schema(description = "Spend in the current period; the base for relative bounds and for what moved")
        double currentSpend,
        @Schema(description = "Response curve; null when the channel has no spend history, which keeps it at its"
                + " lower bound", nullable = true) HillCurve curve,
        @Schema(description = "Lowest spend per period seen in history; a plan below it is warned about",
                nullable = true) Double historyMinSpend,
        @Schema(description = "Highest spend per period seen in history; a plan above it is warned about",
                nullable = true) Double historyMaxSpend,
        @Schema(description = "Absolute lower bound", nullable = true) Double minSpend,
        @Schema(description = "Absolute upper bound", nullable = true) Double maxSpend,
        @Schema(description = "Lower bound as a multiple of currentSpend, such as 0.8", nullable = true)
        Double minRatio,
        @Schema(description = "Upper bound as a multiple of currentSpend, such as 1.5", nullable = true)
        Double maxRatio,
        @Schema(description = "Keep the channel at its current spend") boolean locked) {

    /** Returns a channel with only a curve and a current spend: no history range, no bounds, not locked. */
    public static ChannelBudget of(String channel, double currentSpend, HillCurve curve) {
        return new ChannelBudget(channel, currentSpend, curve, null, null, null, null, null, null, false);
    }

    public ChannelBudget withBounds(Double min, Double max) {
        return new ChannelBudget(channel, currentSpend, curve, historyMinSpend, historyMaxSpend, min, max, minRatio,
                maxRatio, locked);
    }

    public ChannelBudget withRatios(Double min, Double max) {
        return new ChannelBudget(channel, currentSpend, curve, historyMinSpend, historyMaxSpend, minSpend, maxSpend,
                min, max, locked);
    }

    public ChannelBudget withHistory(Double min, Double max) {
        return new ChannelBudget(channel, currentSpend, curve, min, max, minSpend, maxSpend, minRatio, maxRatio,
                locked);
    }

    public ChannelBudget asLocked() {
        return new ChannelBudget(channel, currentSpend, curve, historyMinSpend, historyMaxSpend, minSpend, maxSpend,
                minRatio, maxRatio, true);
    }
}
