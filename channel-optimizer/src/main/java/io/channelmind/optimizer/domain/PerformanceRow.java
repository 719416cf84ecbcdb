package io.channelmind.optimizer.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Performance of one channel, or one campaign of a channel, over one period. A rate whose
 * denominator is 0 or unknown is null, and {@code undefined} names the reason.
 */
public record PerformanceRow(
        String channel,
        @Schema(description = "Campaign; '' for events and spend without a campaign; null when not grouped by campaign",
                nullable = true) String campaign,
        @Schema(description = "First day of the period (Monday for weeks); null for the whole range", nullable = true)
        LocalDate periodStart,
        @Schema(description = "Distinct profiles with at least one contact in the period") long reach,
        @Schema(description = "Impressions from spend rows; null when no spend row reported them", nullable = true)
        Long impressions,
        @Schema(description = "Clicks from spend rows; null when no spend row reported them", nullable = true)
        Long clicks,
        @Schema(description = "clicks / impressions", nullable = true) Double ctr,
        @Schema(description = "Contact events") long contacts,
        @Schema(description = "Conversion events") long conversions,
        @Schema(description = "conversions / contacts", nullable = true) Double conversionRate,
        @Schema(description = "Spend; null when no spend row matched or the rows use more than one currency",
                nullable = true) BigDecimal cost,
        @Schema(description = "ISO 4217 code of cost; null when cost is null", nullable = true) String currency,
        @Schema(description = "cost / conversions (cost per acquisition)", nullable = true)
        BigDecimal costPerAcquisition,
        @Schema(description = "Sum of conversion values") BigDecimal revenue,
        @Schema(description = "revenue / cost (return on ad spend)", nullable = true) Double roas,
        @Schema(description = "For each null field, why it is null") Map<String, String> undefined) {
}
