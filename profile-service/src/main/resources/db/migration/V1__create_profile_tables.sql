-- Profile keys use the "C" collation so that keyset paging (profile_key > :after order by
-- profile_key) gives the same byte order on every server, whatever its default locale.

create table profile (
    profile_key      text collate "C" primary key,
    email            text,
    phone            text,
    first_name       text,
    locale           text,
    time_zone        text,
    -- channel -> boolean
    consent          jsonb          not null default '{}'::jsonb,
    -- free attributes from identify events: name -> JSON value
    traits           jsonb          not null default '{}'::jsonb,
    -- occurredAt of the identify event that set each trait, for survivorship:
    -- keys are email, phone, firstName, locale, timeZone, consent.<channel> and trait.<name>
    trait_times      jsonb          not null default '{}'::jsonb,
    contacts         bigint         not null default 0,
    conversions      bigint         not null default 0,
    conversion_value numeric(20, 4) not null default 0,
    last_channel     text,
    last_contact_at  timestamptz,
    first_seen_at    timestamptz    not null,
    last_seen_at     timestamptz    not null,
    updated_at       timestamptz    not null default now()
);

create table profile_channel (
    profile_key      text collate "C" not null references profile (profile_key),
    channel          text           not null,
    contacts         bigint         not null default 0,
    conversions      bigint         not null default 0,
    conversion_value numeric(20, 4) not null default 0,
    sent             bigint         not null default 0,
    last_contact_at  timestamptz,
    primary key (profile_key, channel)
);

-- One row per applied event and topic; the primary key makes a replayed event a no-op.
create table processed_event (
    topic        text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (topic, event_id)
);

-- Events consumed per import, duplicates and ignored events included.
create table import_progress (
    import_id       text primary key,
    events_consumed bigint      not null,
    updated_at      timestamptz not null default now()
);

-- Records consumed per topic, duplicates, ignored and malformed records included.
create table topic_progress (
    topic           text primary key,
    events_consumed bigint not null
);

create table segment (
    name        text collate "C" primary key,
    rule        text        not null,
    description text,
    created_at  timestamptz not null default now()
);

create table segment_member (
    segment     text collate "C" not null references segment (name) on delete cascade,
    profile_key text collate "C" not null references profile (profile_key),
    since       timestamptz not null,
    primary key (segment, profile_key)
);

create index segment_member_profile_idx on segment_member (profile_key);

insert into segment (name, rule, description)
values ('not-converted', 'conversions = 0',
        'Profiles with no recorded conversion yet: the audience for a first-purchase campaign.');
