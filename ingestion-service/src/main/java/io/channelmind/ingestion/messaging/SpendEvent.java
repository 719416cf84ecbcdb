package io.channelmind.ingestion.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Payload of {@code cm.spend}, schema version 1. */
public record SpendEvent(
        int schemaVersion,
        String eventId,
        String channel,
        String campaign,
        LocalDate date,
        BigDecimal cost,
        String currency,
        Long impressions,
        Long clicks,
        EventSource source) {

    public static final int SCHEMA_VERSION = 1;
}
