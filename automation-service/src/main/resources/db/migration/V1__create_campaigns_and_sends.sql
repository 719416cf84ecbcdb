-- Campaigns and the send ledger of automation-service.

create table campaign (
    id                    uuid primary key,
    name                  text        not null,
    segment               text        not null,
    locale                text        not null,
    requested_channel     text,
    brief                 jsonb       not null,
    status                text        not null check (status in ('draft', 'running', 'completed', 'failed')),
    -- The channel the latest launch used: requested_channel, or the optimizer's recommendation.
    channel               text,
    recommendation_reason text,
    copy_id               text,
    copy_generator        text,
    copy_subject          text,
    copy_body             text,
    -- Identifies the current launch, so a stale run cannot overwrite the counts of a newer one.
    run_id                uuid,
    launches              integer     not null default 0,
    audience              integer     not null default 0,
    processed             integer     not null default 0,
    sent                  integer     not null default 0,
    duplicates            integer     not null default 0,
    failed                integer     not null default 0,
    skipped               jsonb       not null default '{}'::jsonb,
    created_at            timestamptz not null,
    started_at            timestamptz,
    finished_at           timestamptz,
    -- Written by the running instance every few seconds. An old value means the run was lost.
    heartbeat_at          timestamptz,
    error                 text
);

create index campaign_created_at_idx on campaign (created_at);

-- One row per recipient and step, written before the message is handed to the provider.
-- The primary key is the idempotency key, so a profile gets one message per campaign step
-- even across relaunches, crashes and concurrent instances.
create table send (
    campaign_id     uuid        not null references campaign (id),
    step            text        not null,
    profile_key     text        not null,
    idempotency_key text        not null unique,
    channel         text        not null,
    -- SHA-256 of the normalised address: two profiles sharing one address get one message,
    -- and the ledger stores no address.
    address_hash    text        not null,
    status          text        not null check (status in ('pending', 'sent', 'failed')),
    attempts        integer     not null,
    run_id          uuid        not null,
    copy_id         text,
    message_id      text,
    accepted_at     timestamptz,
    -- False until the cm.deliveries event for a sent message was acknowledged by Kafka.
    published       boolean     not null default false,
    error           text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (campaign_id, step, profile_key)
);

create unique index send_address_idx on send (campaign_id, step, address_hash);
create index send_unpublished_idx on send (campaign_id) where status = 'sent' and not published;
