package io.channelmind.ingestion.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.channelmind.ingestion.domain.RowError;

/**
 * An import job as the API returns it.
 *
 * @param status queued, running, completed, failed, cancelled or interrupted
 * @param bytesTotal size of the body as sent (compressed if it was gzip)
 * @param bytesRead bytes of the body read so far
 * @param percent bytesRead as a share of bytesTotal, 0 to 100, or null when the size is unknown
 * @param customerEvents messages this import published to {@code cm.customer-events}
 * @param spendEvents messages this import published to {@code cm.spend}
 * @param offerEvents messages this import published to {@code cm.offers}
 * @param deadLetterEvents messages this import published to {@code cm.ingest-dead-letter}
 * @param errors the first rejected rows, in file order; the full list is at {@code errorReport}
 * @param errorReport path of the downloadable report of every rejected row
 * @param cleaning counts of the cleaning rules and the values they could not map
 * @param failureReason why a failed, cancelled or interrupted import stopped, otherwise null
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
        Long bytesTotal,
        long bytesRead,
        Integer percent,
        long customerEvents,
        long spendEvents,
        long offerEvents,
        long deadLetterEvents,
        List<RowError> errors,
        String errorReport,
        Map<String, Object> cleaning,
        String failureReason,
        String idempotencyKey,
        Instant startedAt,
        Instant finishedAt) {
}
