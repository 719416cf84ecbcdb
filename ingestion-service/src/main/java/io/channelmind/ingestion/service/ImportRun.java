package io.channelmind.ingestion.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.channelmind.ingestion.domain.ImportStatus;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.input.InputFormat;
import io.channelmind.ingestion.messaging.Topics;
import io.channelmind.ingestion.repository.ImportJob;
import io.channelmind.ingestion.repository.ReportedErrors;

/** The progress of one running import: its counters and the first rejected rows. Used by one thread. */
final class ImportRun {

    private final UUID id = UUID.randomUUID();
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String mapping;
    private final OnError onError;
    private final InputFormat format;
    private final int maxReportedErrors;
    private final List<RowError> errors = new ArrayList<>();
    private ImportStatus status = ImportStatus.RUNNING;
    private long rowsRead;
    private long rowsAccepted;
    private long rowsRejected;
    private long customerEvents;
    private long spendEvents;
    private long deadLetterEvents;
    private String failureReason;
    private Instant finishedAt;

    ImportRun(String mapping, OnError onError, InputFormat format, int maxReportedErrors) {
        this.mapping = mapping;
        this.onError = onError;
        this.format = format;
        this.maxReportedErrors = maxReportedErrors;
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

    void rowRead() {
        rowsRead++;
    }

    void rowAccepted() {
        rowsAccepted++;
    }

    void rowRejected(RowError error) {
        rowsRejected++;
        if (errors.size() < maxReportedErrors) {
            errors.add(error);
        }
    }

    void messageSent(String topic) {
        switch (topic) {
            case Topics.CUSTOMER_EVENTS -> customerEvents++;
            case Topics.SPEND -> spendEvents++;
            case Topics.INGEST_DEAD_LETTER -> deadLetterEvents++;
            default -> throw new IllegalArgumentException("Unknown topic " + topic);
        }
    }

    void complete() {
        status = ImportStatus.COMPLETED;
        finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    void fail(String reason) {
        status = ImportStatus.FAILED;
        failureReason = reason;
        finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Copies the current state into a new or managed entity. */
    void copyTo(ImportJob job) {
        job.id = id;
        job.mapping = mapping;
        job.onError = onError.jsonName();
        job.inputFormat = format.jsonName();
        job.status = status.jsonName();
        job.rowsRead = rowsRead;
        job.rowsAccepted = rowsAccepted;
        job.rowsRejected = rowsRejected;
        job.customerEvents = customerEvents;
        job.spendEvents = spendEvents;
        job.deadLetterEvents = deadLetterEvents;
        job.errors = new ReportedErrors(errors);
        job.failureReason = failureReason;
        job.startedAt = startedAt;
        job.finishedAt = finishedAt;
    }

    ImportView view() {
        ImportJob job = new ImportJob();
        copyTo(job);
        return ImportView.of(job);
    }
}
