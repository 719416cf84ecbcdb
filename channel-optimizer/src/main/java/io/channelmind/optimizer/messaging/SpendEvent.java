package io.channelmind.optimizer.messaging;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A {@code cm.spend} payload, schema version 1: money spent on a channel on one day. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpendEvent(
        int schemaVersion,
        String eventId,
        String channel,
        String campaign,
        String date,
        BigDecimal cost,
        String currency,
        Long impressions,
        Long clicks,
        EventSource source) {

    /** Returns the import that produced the row, or null for spend from other sources. */
    public String importId() {
        return source == null ? null : source.importId();
    }
}
