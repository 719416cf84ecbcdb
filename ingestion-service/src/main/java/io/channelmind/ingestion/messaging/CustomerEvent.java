package io.channelmind.ingestion.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Payload of {@code cm.customer-events}, schema version 1. */
public record CustomerEvent(
        int schemaVersion,
        String eventId,
        String type,
        String profileKey,
        Instant occurredAt,
        String channel,
        String campaign,
        BigDecimal value,
        String currency,
        Map<String, Object> traits,
        EventSource source) {

    public static final int SCHEMA_VERSION = 1;
}
