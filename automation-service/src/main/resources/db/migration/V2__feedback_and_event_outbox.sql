-- Feedback from recipients (unsubscribes, opens, clicks, bounces) and the transactional outbox
-- of the cm.deliveries events.

-- Addresses that must not be contacted on a channel, checked before every send. The address is
-- stored as the SHA-256 of its normalised form, like in the send table.
create table do_not_contact (
    address_hash text        not null,
    channel      text        not null,
    reason       text        not null check (reason in ('unsubscribed', 'hard-bounce', 'complaint')),
    -- The send whose link, bounce or complaint created the entry; null for other sources.
    campaign_id  uuid,
    created_at   timestamptz not null,
    primary key (address_hash, channel)
);

-- cm.deliveries events written in the same transaction as the state change they describe.
-- EventOutboxRelay publishes them and deletes each row once Kafka acknowledged it, so an event
-- is published at least once and consumers drop repeats by event_id.
create table event_outbox (
    id         bigserial   primary key,
    event_id   text        not null unique,
    event_key  text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null
);

-- The outbox replaces the published flag and the republishing at the end of a run.
alter table send drop column published;

-- Feedback links name a send by the token in its Message-ID.
create index send_message_id_idx on send (message_id);

-- Frequency caps count the recent sends to one address across campaigns.
create index send_address_sent_idx on send (address_hash, accepted_at) where status = 'sent';

-- A cancelled campaign skips its remaining recipients with reason 'cancelled' and cannot be
-- launched again.
alter table campaign drop constraint campaign_status_check;
alter table campaign add constraint campaign_status_check
    check (status in ('draft', 'running', 'completed', 'failed', 'cancelled'));
