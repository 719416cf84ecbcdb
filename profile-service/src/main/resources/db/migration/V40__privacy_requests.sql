-- Export and erasure requests (see docs/profiles.md, "Privacy requests"). profile-service creates
-- a request and publishes it on cm.privacy-requests. It records one confirmation per service from
-- cm.privacy-confirmations, and the request is completed when all five services have confirmed.

create table privacy_request (
    request_id      uuid primary key,
    kind            text        not null check (kind in ('export', 'erasure')),
    status          text        not null check (status in ('pending', 'completed')),
    -- The person's profile keys and identity hashes, as published on cm.privacy-requests. An
    -- erasure clears both when it completes, so the request keeps no identifier of the person.
    profile_keys    text[]      not null,
    identity_hashes text[]      not null,
    requested_at    timestamptz not null,
    completed_at    timestamptz
);

create index privacy_request_profile_keys_idx on privacy_request using gin (profile_keys);

-- One row per service and request. rows_deleted counts the rows an erasure deleted per table,
-- data contains what an export found per table; the first confirmation of a service wins, so a
-- replayed confirmation changes nothing.
create table privacy_confirmation (
    request_id   uuid        not null references privacy_request (request_id) on delete cascade,
    service      text        not null,
    rows_deleted jsonb       not null default '{}'::jsonb,
    data         jsonb       not null default '{}'::jsonb,
    confirmed_at timestamptz not null,
    primary key (request_id, service)
);
