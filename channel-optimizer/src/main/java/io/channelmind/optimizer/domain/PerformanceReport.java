package io.channelmind.optimizer.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Channel performance table, sorted by channel. */
public record PerformanceReport(
        @Schema(description = "Segment the counts are limited to; null for all profiles", nullable = true)
        String segment,
        List<ChannelPerformance> channels) {
}
