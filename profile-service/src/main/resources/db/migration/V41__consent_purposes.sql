-- Consent per channel and purpose with double opt-in, and who set or cleared a do-not-contact mark
-- by hand (see docs/profiles.md, "Consent per purpose"). The tables have no foreign key to
-- profile, so a merge that deletes the merged profile row is not blocked by them.

alter table profile
    add column do_not_contact_actor text,
    add column do_not_contact_note  text;

-- The latest state per profile, channel and purpose: pending (double opt-in requested and not yet
-- confirmed), confirmed or withdrawn.
create table consent_purpose (
    profile_key  text collate "C" not null,
    channel      text        not null,
    purpose      text        not null check (purpose in ('marketing', 'transactional', 'profiling')),
    state        text        not null check (state in ('pending', 'confirmed', 'withdrawn')),
    requested_at timestamptz,
    confirmed_at timestamptz,
    withdrawn_at timestamptz,
    updated_at   timestamptz not null,
    primary key (profile_key, channel, purpose)
);

-- Every consent and do-not-contact change made through the API, oldest first by id.
create table consent_history (
    id          bigint generated always as identity primary key,
    profile_key text collate "C" not null,
    channel     text,
    purpose     text,
    change      text        not null,
    actor       text,
    note        text,
    at          timestamptz not null
);

create index consent_history_profile_idx on consent_history (profile_key);
