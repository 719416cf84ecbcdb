-- Interest vectors read from profile-service for the newest response model version, keyed by
-- profile. Each retraining with embeddings replaces every row, so serving and the model use the
-- same vectors. shares maps each label of the export to its share (the shares add up to 1).
create table profile_interest (
    profile_key   text        not null primary key,
    shares        jsonb       not null,
    model_version text        not null,
    read_at       timestamptz not null default now()
);

-- Which vectors and evaluations each model version used: whether interest embeddings were
-- inputs, and the evaluation without them on the same holdout. Null for older versions.
alter table response_model add column embeddings jsonb;

-- Opens and clicks from cm.deliveries, counted per part of the day like contacts and conversions.
alter table profile_channel_day_part add column opens bigint not null default 0;
alter table profile_channel_day_part add column clicks bigint not null default 0;
