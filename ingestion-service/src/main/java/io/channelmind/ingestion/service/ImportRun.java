package io.channelmind.ingestion.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.domain.ImportStatus;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.input.InputFormat;
import io.channelmind.ingestion.messaging.Topics;
import io.channelmind.ingestion.repository.ImportJob;

/**
 * The state of one import job on the replica that runs it. The import thread is the only writer
 * of the counters; the progress writer and GET requests read them, so they are volatile.
 */
final class ImportRun {

    private final UUID id = UUID.randomUUID();
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String mapping;
    private final OnError onError;
    private final InputFormat format;
    private final String idempotencyKey;
    private final String contentSha256;
    private final long bytesTotal;
    private final CleaningStats cleaning = new CleaningStats();
    private final List<RowError> pendingErrors = new ArrayList<>();
    private final List<RowError> firstErrors = new ArrayList<>();
    private final int maxReportedErrors;
    private volatile LongSupplier bytesRead = () -> 0;
    private volatile ImportStatus status = ImportStatus.QUEUED;
    private volatile boolean cancelRequested;
    private volatile long rowsRead;
    private volatile long rowsAccepted;
    private volatile long rowsRejected;
    private volatile long customerEvents;
    private volatile long spendEvents;
    private volatile long offerEvents;
    private volatile long deadLetterEvents;
    private volatile String failureReason;
    private volatile Instant finishedAt;

    ImportRun(String mapping, OnError onError, InputFormat format, int maxReportedErrors, String idempotencyKey,
            String contentSha256, long bytesTotal) {
        this.mapping = mapping;
        this.onError = onError;
        this.format = format;
        this.maxReportedErrors = maxReportedErrors;
        this.idempotencyKey = idempotencyKey;
        this.contentSha256 = contentSha256;
        this.bytesTotal = bytesTotal;
    }

    UUID id() {
        return id;
    }

    String mapping() {
        return mapping;
    }

    OnError onError() {
        return onError;
    }

    Instant startedAt() {
        return startedAt;
    }

    long rowsRead() {
        return rowsRead;
    }

    long rowsAccepted() {
        return rowsAccepted;
    }

    long rowsRejected() {
        return rowsRejected;
    }

    CleaningStats cleaning() {
        return cleaning;
    }

    ImportStatus status() {
        return status;
    }

    /** Sets the source of the byte position, read for the progress percentage. */
    void trackBytesRead(LongSupplier position) {
        this.bytesRead = position;
    }

    void started() {
        status = ImportStatus.RUNNING;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    void rowRead() {
        rowsRead++;
    }

    void rowAccepted() {
        rowsAccepted++;
    }

    void rowRejected(RowError error) {
        rowsRejected++;
        synchronized (pendingErrors) {
            pendingErrors.add(error);
            if (firstErrors.size() < maxReportedErrors) {
                firstErrors.add(error);
            }
        }
    }

    /** Removes and returns the rejected rows not yet stored. */
    List<RowError> drainPendingErrors() {
        synchronized (pendingErrors) {
            List<RowError> drained = List.copyOf(pendingErrors);
            pendingErrors.clear();
            return drained;
        }
    }

    int pendingErrorCount() {
        synchronized (pendingErrors) {
            return pendingErrors.size();
        }
    }

    List<RowError> firstErrors() {
        synchronized (pendingErrors) {
            return List.copyOf(firstErrors);
        }
    }

    void messageSent(String topic) {
        switch (topic) {
            case Topics.CUSTOMER_EVENTS -> customerEvents++;
            case Topics.SPEND -> spendEvents++;
            case Topics.OFFERS -> offerEvents++;
            case Topics.INGEST_DEAD_LETTER -> deadLetterEvents++;
            default -> throw new IllegalArgumentException("Unknown topic " + topic);
        }
    }

    void complete() {
        end(ImportStatus.COMPLETED, null);
    }

    void cancel() {
        end(ImportStatus.CANCELLED, "Cancelled on request after " + rowsRead + " rows; the " + rowsAccepted
                + " accepted rows were published and stay stored");
    }

    void fail(String reason) {
        end(ImportStatus.FAILED, reason);
    }

    private void end(ImportStatus finalStatus, String reason) {
        failureReason = reason;
        finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        status = finalStatus;
    }

    /** Returns the current state as a record to store. */
    ImportJob snapshot(String cleaningJson) {
        // A completed import read the whole body, even where the gzip reader stopped before the trailing bytes.
        long position = status == ImportStatus.COMPLETED ? bytesTotal : bytesRead.getAsLong();
        return new ImportJob(id, mapping, onError.jsonName(), format.jsonName(), status.jsonName(), rowsRead,
                rowsAccepted, rowsRejected, customerEvents, spendEvents, offerEvents, deadLetterEvents, failureReason, startedAt,
                finishedAt, idempotencyKey, contentSha256, bytesTotal, Math.min(position, bytesTotal), cleaningJson);
    }
}
