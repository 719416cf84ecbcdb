package io.channelmind.ingestion.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Origin of a message. An import sets {@code importId}, {@code mapping} and the 1-based data
 * {@code row}; a tracking call sets the tracking source's {@code name} and the call's
 * {@code messageId}. Null members are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSource(String kind, String importId, String mapping, Long row, String name, String messageId) {

    public static EventSource ofImport(String importId, String mapping, long row) {
        return new EventSource("import", importId, mapping, row, null, null);
    }

    public static EventSource ofTracking(String sourceName, String messageId) {
        return new EventSource("tracking", null, null, null, sourceName, messageId);
    }
}
