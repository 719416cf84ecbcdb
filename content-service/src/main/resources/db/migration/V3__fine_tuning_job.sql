-- Fine-tuning jobs submitted to the OpenAI-compatible endpoint, keyed by the endpoint's job id.
-- The status and the tuned model are copied from the endpoint each time a job is read.
CREATE TABLE fine_tuning_job (
    id               text        PRIMARY KEY,
    training_file_id text        NOT NULL,
    base_model       text        NOT NULL,
    suffix           text,
    examples         integer     NOT NULL,
    status           text        NOT NULL,
    fine_tuned_model text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
