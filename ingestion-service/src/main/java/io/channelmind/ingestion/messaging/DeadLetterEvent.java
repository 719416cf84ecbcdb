package io.channelmind.ingestion.messaging;

/**
 * Payload of {@code cm.ingest-dead-letter}, schema version 1. It never carries the row's
 * values, because rows may contain personal data.
 */
public record DeadLetterEvent(
        int schemaVersion,
        String eventId,
        String importId,
        String mapping,
        long row,
        String column,
        String reason) {

    public static final int SCHEMA_VERSION = 1;
}
