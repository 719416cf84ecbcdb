package io.channelmind.optimizer.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Serialises a batch of rows to one JSON array, which a statement expands with
 * {@code jsonb_to_recordset}. One text parameter per batch keeps the SQL text the same for
 * every batch size, so PostgreSQL can reuse the prepared statement.
 */
@ApplicationScoped
public class JsonRows {

    /** Expands the {@code :rows} parameter; the caller appends the column list in an {@code as} clause. */
    static final String EXPAND = "jsonb_to_recordset(cast(cast(:rows as text) as jsonb))";

    private final ObjectMapper mapper;

    public JsonRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Writes the rows as a JSON array; row records name their properties in snake_case to match the SQL columns. */
    public String write(List<?> rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialise " + rows.size() + " rows to JSON", e);
        }
    }
}
