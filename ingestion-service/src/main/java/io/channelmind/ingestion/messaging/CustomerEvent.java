package io.channelmind.ingestion.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.web.crypto.SealedTraits;

/**
 * Payload of {@code cm.customer-events}, schema version 1. The fields after {@code source} come
 * from tracking calls and are left out of the JSON when null, so imported events keep their
 * exact shape. {@code sealedTraits} carries the traits that name or contact a person, encrypted
 * ({@link PersonalTraits}).
 */
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
        EventSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String anonymousId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String event,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode properties,
        @JsonInclude(JsonInclude.Include.NON_NULL) String previousId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String groupId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant originalTimestamp,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode context,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal originalValue,
        @JsonInclude(JsonInclude.Include.NON_NULL) String originalCurrency,
        @JsonInclude(JsonInclude.Include.NON_NULL) SealedTraits sealedTraits) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * Creates an event of an import, which has none of the tracking fields. {@code originalValue}
     * and {@code originalCurrency} are set when the value was converted to the reporting currency.
     */
    public CustomerEvent(int schemaVersion, String eventId, String type, String profileKey, Instant occurredAt,
            String channel, String campaign, BigDecimal value, String currency, Map<String, Object> traits,
            EventSource source, BigDecimal originalValue, String originalCurrency) {
        this(schemaVersion, eventId, type, profileKey, occurredAt, channel, campaign, value, currency, traits, source,
                null, null, null, null, null, null, null, null, null, null, originalValue, originalCurrency, null);
    }

    /** Returns this event with the traits and sealed traits of {@code split}. */
    CustomerEvent withTraits(PersonalTraits.Split split) {
        return new CustomerEvent(schemaVersion, eventId, type, profileKey, occurredAt, channel, campaign, value, currency,
                split.traits(), source, userId, anonymousId, event, name, properties, previousId, groupId,
                originalTimestamp, receivedAt, context, originalValue, originalCurrency, split.sealed());
    }
}
