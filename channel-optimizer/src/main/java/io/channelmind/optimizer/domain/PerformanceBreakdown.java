package io.channelmind.optimizer.domain;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Performance rows grouped by channel or campaign and by period, over a date range. */
public record PerformanceBreakdown(
        @Schema(description = "channel or campaign", enumeration = {"channel", "campaign"}) String groupBy,
        @Schema(description = "total, day, week or month", enumeration = {"total", "day", "week", "month"})
        String period,
        @Schema(description = "First day included; null for no lower bound", nullable = true) LocalDate from,
        @Schema(description = "Last day included; null for no upper bound", nullable = true) LocalDate to,
        @Schema(description = "Segment the event counts are limited to; null for all profiles", nullable = true)
        String segment,
        @Schema(description = "Rows sorted by channel, campaign and period") List<PerformanceRow> rows) {
}
