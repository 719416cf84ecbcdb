package io.channelmind.optimizer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Performance of one channel over all profiles or one segment's members. */
public record ChannelPerformance(
        String channel,
        @Schema(description = "Number of contact events") long contacts,
        @Schema(description = "Distinct profiles with at least one contact") long reached,
        @Schema(description = "Conversion events credited to the channel") long conversions,
        @Schema(description = "conversions / contacts as a fraction (0.147 is 14.7%); null when contacts is 0",
                nullable = true) Double conversionRate,
        @Schema(description = "Sum of conversion values") BigDecimal value,
        @Schema(description = "Total spend on the channel over all days, always channel-wide; null when no spend"
                + " was reported for the channel", nullable = true) BigDecimal cost,
        @Schema(description = "cost / conversions; null when cost is null or conversions is 0",
                nullable = true) BigDecimal costPerConversion) {

    /** Derives the rates from the totals. A zero denominator gives null, never NaN or infinity. */
    public static ChannelPerformance of(ChannelTotals totals, BigDecimal cost) {
        Double conversionRate = totals.contacts() == 0
                ? null
                : (double) totals.conversions() / totals.contacts();
        BigDecimal costPerConversion = cost == null || totals.conversions() == 0
                ? null
                : cost.divide(BigDecimal.valueOf(totals.conversions()), 4, RoundingMode.HALF_EVEN);

        return new ChannelPerformance(totals.channel(), totals.contacts(), totals.reached(), totals.conversions(),
                conversionRate, plain(totals.value()), plain(cost), plain(costPerConversion));
    }

    /** Removes trailing zeros of the stored scale (120.5000 becomes 120.5) without switching to exponent notation. */
    private static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
