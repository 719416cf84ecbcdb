package io.channelmind.ingestion.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Rule that turns a row into one message. The event is produced when every condition in
 * {@code when} holds, and then the fields in {@code required} must have a value, or the row is
 * malformed. {@code traits} apply to {@code identify} events. {@code date}, {@code cost},
 * {@code impressions} and {@code clicks} apply to {@code spend} rows. Without
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
        ValueRef currency,
        Map<String, TraitSpec> traits,
        ValueRef date,
        ValueRef cost,
        ValueRef impressions,
        ValueRef clicks) {

    public EventSpec {
        when = when == null ? List.of() : List.copyOf(when);
        required = required == null ? List.of() : List.copyOf(required);
        traits = traits == null ? Map.of() : traits;
    }

    /**
     * A test on one field of the row. Exactly one of {@code equals}, {@code in} and
     * {@code present} is set. {@code equals} and {@code in} compare the parsed value's text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String field, String equals, List<String> in, Boolean present) {
    }
}
