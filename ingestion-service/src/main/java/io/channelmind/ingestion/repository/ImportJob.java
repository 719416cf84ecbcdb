package io.channelmind.ingestion.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * One import of a file as stored in {@code import_job}: its mapping, status, progress and counts.
 *
 * @param idempotencyKey the request's Idempotency-Key header, or null
 * @param contentSha256 hex SHA-256 of the body as sent
 * @param bytesTotal size of the body as sent, in bytes
 * @param bytesRead bytes of the body read so far
 * @param cleaningJson the counts of the cleaning rules as a JSON object
 */
public record ImportJob(
        UUID id,
        String mapping,
        String onError,
        String inputFormat,
        String status,
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        long customerEvents,
        long spendEvents,
        long offerEvents,
        long deadLetterEvents,
        String failureReason,
        Instant startedAt,
        Instant finishedAt,
        String idempotencyKey,
        String contentSha256,
        Long bytesTotal,
        long bytesRead,
        String cleaningJson) {
}
