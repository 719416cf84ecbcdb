package io.channelmind.ingestion.service;

import java.time.Instant;

/**
 * The import a row belongs to.
 *
 * @param importedAt the import's start, used as {@code occurredAt} for events whose row has no time
 */
public record ImportContext(String importId, Instant importedAt) {
}
