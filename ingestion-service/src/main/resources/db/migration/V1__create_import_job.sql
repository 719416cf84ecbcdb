-- One row per import of a file; counts are written when the import finishes or fails.
CREATE TABLE import_job (
    id                 uuid PRIMARY KEY,
    mapping            varchar(100) NOT NULL,
    on_error           varchar(10)  NOT NULL CHECK (on_error IN ('stop', 'skip')),
    input_format       varchar(10)  NOT NULL CHECK (input_format IN ('csv', 'ndjson')),
    status             varchar(16)  NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    rows_read          bigint       NOT NULL DEFAULT 0,
    rows_accepted      bigint       NOT NULL DEFAULT 0,
    rows_rejected      bigint       NOT NULL DEFAULT 0,
    customer_events    bigint       NOT NULL DEFAULT 0,
    spend_events       bigint       NOT NULL DEFAULT 0,
    dead_letter_events bigint       NOT NULL DEFAULT 0,
    -- The first rejected rows (at most ingestion.import.max-reported-errors) as
    -- {"rows": [{row, column, value, reason}]}.
    errors             jsonb        NOT NULL DEFAULT '{"rows": []}',
    failure_reason     text,
    started_at         timestamptz  NOT NULL,
    finished_at        timestamptz
);

CREATE INDEX import_job_started_at_idx ON import_job (started_at DESC);
