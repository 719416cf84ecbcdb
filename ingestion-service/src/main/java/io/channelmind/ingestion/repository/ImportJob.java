package io.channelmind.ingestion.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One import of a file: its mapping, status and counts, and the first rejected rows. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    @Id
    public UUID id;

    public String mapping;

    @Column(name = "on_error")
    public String onError;

    @Column(name = "input_format")
    public String inputFormat;

    public String status;

    @Column(name = "rows_read")
    public long rowsRead;

    @Column(name = "rows_accepted")
    public long rowsAccepted;

    @Column(name = "rows_rejected")
    public long rowsRejected;

    @Column(name = "customer_events")
    public long customerEvents;

    @Column(name = "spend_events")
    public long spendEvents;

    @Column(name = "dead_letter_events")
    public long deadLetterEvents;

    @JdbcTypeCode(SqlTypes.JSON)
    public ReportedErrors errors;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
