package io.channelmind.optimizer.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Origin of an event. For an import it names the import id, the column mapping and the 1-based data row. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSource(String kind, String importId, String mapping, Integer row) {
}
