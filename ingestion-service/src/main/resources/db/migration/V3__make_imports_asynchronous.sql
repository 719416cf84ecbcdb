-- Imports run as background jobs: they can be queued, cancelled or interrupted by a service
-- stop, they report byte progress, and an Idempotency-Key maps a re-submitted file to its job.
ALTER TABLE import_job DROP CONSTRAINT import_job_status_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_status_check
    CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'));

ALTER TABLE import_job
    -- The client's Idempotency-Key header and the SHA-256 of the body as sent (before any gzip
    -- decompression), so that the same key with another file is detected.
    ADD COLUMN idempotency_key varchar(255),
    ADD COLUMN content_sha256  char(64),
    ADD COLUMN bytes_total     bigint,
    ADD COLUMN bytes_read      bigint      NOT NULL DEFAULT 0,
    -- Written every few seconds by the replica that runs the job. A queued or running job whose
    -- heartbeat is old was cut off by a service stop, so it is marked interrupted.
    ADD COLUMN heartbeat_at    timestamptz,
    -- Counts of the cleaning rules (time zone corrections, unmapped channel values, rows without
    -- a customer id, duplicate e-mail addresses) as a JSON object.
    ADD COLUMN cleaning        jsonb       NOT NULL DEFAULT '{}';

CREATE UNIQUE INDEX import_job_idempotency_key_idx ON import_job (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX import_job_active_idx ON import_job (heartbeat_at) WHERE status IN ('queued', 'running');

-- Every rejected row of an import, up to ingestion.import.max-stored-errors; served as the
-- downloadable error report. The jsonb column import_job.errors is no longer written.
CREATE TABLE import_row_error (
    import_id   uuid   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_number  bigint NOT NULL,
    column_name text,
    value       text,
    reason      text   NOT NULL,
    PRIMARY KEY (import_id, row_number)
);
