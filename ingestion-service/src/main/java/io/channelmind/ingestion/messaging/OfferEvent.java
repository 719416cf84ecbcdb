package io.channelmind.ingestion.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code cm.offers}, schema version 1: the whole current state of one offer, keyed by
 * {@code offerId}. A withdrawn offer is published with {@code status} {@code withdrawn} rather than
 * as a tombstone, so consumers learn that it ended. Optional members are left out of the JSON when null.
 *
 * @param kind product, promotion, financial or course
 * @param riskLevel 1 (lowest) to 5, set on financial offers only
 * @param prerequisites offer ids of the courses a customer must have bought or completed first, set
 *     on course offers only
 * @param validFrom the first instant at which the offer may be shown
 * @param validTo the instant at which the offer ends, exclusive
 * @param status active or withdrawn
 */
public record OfferEvent(
        int schemaVersion,
        String eventId,
        String offerId,
        String kind,
        String status,
        String title,
        @JsonInclude(JsonInclude.Include.NON_NULL) String description,
        @JsonInclude(JsonInclude.Include.NON_NULL) String category,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal price,
        @JsonInclude(JsonInclude.Include.NON_NULL) String currency,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer riskLevel,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> prerequisites,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant validTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) String locale,
        EventSource source) {

    public static final int SCHEMA_VERSION = 1;
}
