-- The model chosen over REST for a brand, a channel, or a brand on one channel. An empty brand
-- or channel means any, so that the pair can be the primary key; one of them must be set.
CREATE TABLE model_choice (
    brand              text        NOT NULL DEFAULT '',
    channel            text        NOT NULL DEFAULT '',
    model              text        NOT NULL,
    fine_tuning_job_id text,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (brand, channel),
    CHECK (brand <> '' OR channel <> '')
);
