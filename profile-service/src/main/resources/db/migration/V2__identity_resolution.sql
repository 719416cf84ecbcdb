-- Identity resolution. Every identity (the profile key an event was sent under, the SHA-256 of a
-- normalised e-mail address or phone number) belongs to at most one profile, which the primary
-- key on (kind, value) enforces across concurrent transactions. After a merge, the merged
-- profile's identities point at the surviving profile.

alter table profile add column anonymous boolean not null default false;

create table profile_identity (
    kind          text not null,
    value         text collate "C" not null,
    -- Deferred, so a transaction may link an identity before it writes the surviving profile.
    profile_key   text collate "C" not null references profile (profile_key) deferrable initially deferred,
    first_seen_at timestamptz not null default now(),
    primary key (kind, value)
);

create index profile_identity_profile_idx on profile_identity (profile_key);

insert into profile_identity (kind, value, profile_key, first_seen_at)
select 'profileKey', profile_key, profile_key, first_seen_at from profile;

-- One row per merged profile: which profile absorbed it, why and which event caused it.
create table profile_merge (
    id             bigint generated always as identity primary key,
    surviving_key  text collate "C" not null,
    merged_key     text collate "C" not null,
    reason         text        not null,
    cause_event_id text        not null,
    occurred_at    timestamptz not null,
    merged_at      timestamptz not null default now()
);

create index profile_merge_surviving_idx on profile_merge (surviving_key);
create index profile_merge_merged_idx on profile_merge (merged_key);
