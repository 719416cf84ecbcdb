package io.channelmind.ingestion.service;

import java.time.Instant;
import java.util.List;

import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.repository.ImportJob;

/**
 * An import as the API returns it.
 *
 * @param customerEvents messages this import published to {@code cm.customer-events}
 * @param spendEvents messages this import published to {@code cm.spend}
 * @param deadLetterEvents messages this import published to {@code cm.ingest-dead-letter}
 * @param errors the first rejected rows, in file order
 * @param failureReason why a {@code failed} import stopped, otherwise null
 */
public record ImportView(
        String importId,
        String mapping,
        String onError,
        String inputFormat,
        String status,
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        long customerEvents,
        long spendEvents,
        long deadLetterEvents,
        List<RowError> errors,
        String failureReason,
        Instant startedAt,
        Instant finishedAt) {

    public static ImportView of(ImportJob job) {
        return new ImportView(job.id.toString(), job.mapping, job.onError, job.inputFormat, job.status, job.rowsRead,
                job.rowsAccepted, job.rowsRejected, job.customerEvents, job.spendEvents, job.deadLetterEvents,
                job.errors == null ? List.of() : job.errors.rows(), job.failureReason, job.startedAt, job.finishedAt);
    }
}
