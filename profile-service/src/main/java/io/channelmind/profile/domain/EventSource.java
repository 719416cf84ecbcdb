package io.channelmind.profile.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The origin of a customer event: for imports, the import id, column mapping and 1-based data
 * row; for tracking calls, the tracking source's {@code name}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSource(String kind, String importId, String mapping, Integer row, String name) {
}
