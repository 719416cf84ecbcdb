package io.channelmind.ingestion.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Rule that turns a row into one message. The event is produced when every condition in
 * {@code when} holds, and then the fields in {@code required} must have a value, or the row is
 * malformed. {@code traits} are required on {@code identify} events and optional on
 * {@code conversion} and {@code cancellation} events, where they describe the order. {@code date}, {@code cost},
 * {@code impressions}, {@code clicks}, {@code conversions} and {@code revenue} (as the ad platform
 * reports them) apply to {@code spend} rows. On {@code conversion} and
 * {@code cancellation} events, {@code quantity} multiplies {@code value}, so a unit price and a
 * quantity give the line total (negative for a return with a negative quantity). Without
 * {@code occurredAt}, an event happens at the import time.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventSpec(
        EventType type,
        List<Condition> when,
        List<String> required,
        ValueRef occurredAt,
        ValueRef channel,
        ValueRef campaign,
        ValueRef value,
        ValueRef quantity,
        ValueRef currency,
        Map<String, TraitSpec> traits,
        ValueRef date,
        ValueRef cost,
        ValueRef impressions,
        ValueRef clicks,
        ValueRef conversions,
        ValueRef revenue) {

    public EventSpec {
        when = when == null ? List.of() : List.copyOf(when);
        required = required == null ? List.of() : List.copyOf(required);
        traits = traits == null ? Map.of() : traits;
    }

    /**
     * A test on one field of the row. Exactly one of {@code equals}, {@code in}, {@code present},
     * {@code below} and {@code atLeast} is set. {@code equals} and {@code in} compare the parsed
     * value's text; {@code below} and {@code atLeast} compare a number field and fail on an absent value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String field, String equals, List<String> in, Boolean present, BigDecimal below,
            BigDecimal atLeast) {
    }
}
