package io.channelmind.ingestion.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code cm.spend}, schema version 1. {@code conversions} and {@code revenue} are the
 * ad platform's own attribution and are left out of the JSON when the source has none.
 * {@code originalCost} and {@code originalCurrency} are set when the amounts were converted to the
 * reporting currency; {@code revenue} is converted with the same rate.
 */
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Long conversions,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal revenue,
        EventSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal originalCost,
        @JsonInclude(JsonInclude.Include.NON_NULL) String originalCurrency) {

    public static final int SCHEMA_VERSION = 1;
}
