-- Event ids already applied, per topic. A consumer inserts the id in the same transaction as
-- the change it makes, so a replayed event (same topic and eventId) changes nothing.
-- NOTE: rows are never deleted, so the table grows by one row per consumed event.
create table processed_event (
    topic        text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (topic, event_id)
);

-- Every profile key seen on cm.customer-events, including profiles that only sent identify.
create table profile (
    profile_key text primary key
);

-- Contact and conversion counts per profile and channel. value is the sum of conversion values.
create table profile_channel (
    profile_key text           not null,
    channel     text           not null,
    contacts    bigint         not null default 0,
    conversions bigint         not null default 0,
    value       numeric(19, 4) not null default 0,
    primary key (profile_key, channel)
);

-- Money spent per channel and day, summed over the cm.spend rows (campaigns) of that day.
create table channel_daily_spend (
    channel text           not null,
    day     date           not null,
    cost    numeric(19, 4) not null,
    primary key (channel, day)
);

-- Current segment members as published on cm.segment-membership.
create table segment_member (
    segment     text not null,
    profile_key text not null,
    primary key (segment, profile_key)
);

-- Customer events consumed per import, duplicates included, so a caller can see when an
-- import has been read to the end.
create table import_progress (
    import_id       text   primary key,
    events_consumed bigint not null
);

-- Events consumed per topic (duplicates and unreadable records included) and how many of
-- them changed the data.
create table topic_counter (
    topic           text   primary key,
    events_consumed bigint not null,
    events_applied  bigint not null
);
