-- A cancel request is stored on the job, so that any replica can accept it. The replica that runs
-- the job reads the flag each time it writes the job's progress and then stops reading rows.
ALTER TABLE import_job ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
