-- The offer catalogue from cm.offers (see docs/offers.md): the latest message of each offer id.
-- event_id is the id of the stored message, so a replayed message with the same id changes
-- nothing. embedding is the offer's distribution over the interest labels (title and
-- description), made with the model version in embedding_model.
create table offer (
    offer_id        text collate "C" primary key,
    event_id        text        not null,
    kind            text        not null,
    status          text        not null,
    title           text        not null,
    description     text,
    category        text,
    price           numeric(20, 4),
    currency        text,
    risk_level      integer,
    prerequisites   text[]      not null default '{}',
    valid_from      timestamptz,
    valid_to        timestamptz,
    locale          text,
    embedding       float8[],
    embedding_model text,
    updated_at      timestamptz not null default now()
);

-- What a profile did with offers and categories, read from cm.customer-events: purchase, return,
-- view and completion rows, one per product of an event (item is its position in the event).
-- Merges move the rows to the surviving profile, and erasure deletes them with the profile.
create table profile_offer_activity (
    profile_key text collate "C" not null references profile (profile_key),
    event_id    text        not null,
    item        integer     not null,
    kind        text        not null,
    offer_id    text,
    category    text,
    occurred_at timestamptz not null,
    primary key (profile_key, event_id, item)
);

create index profile_offer_activity_offer_idx on profile_offer_activity (offer_id) where kind = 'purchase';
