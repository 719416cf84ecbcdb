package io.channelmind.ingestion.repository;

import java.util.List;

import io.channelmind.ingestion.domain.RowError;

/**
 * The rejected rows kept with an import, stored as the JSON object {@code {"rows": [...]}}
 * because Hibernate Reactive maps JSON columns to JSON objects, not arrays.
 */
public record ReportedErrors(List<RowError> rows) {

    public ReportedErrors {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
