-- Consent and do-not-contact marks that profile-service publishes on cm.consent-changes, so that
-- a change made after a campaign's audience was read still stops its sends. Each row keeps the
-- newest change by the event's `at`, so an older event that arrives late changes nothing.

-- The latest consent state per profile, channel and purpose (marketing, transactional, profiling).
create table consent_purpose (
    profile_key text        not null,
    channel     text        not null,
    purpose     text        not null,
    state       text        not null check (state in ('pending', 'confirmed', 'withdrawn')),
    -- `at` of the event: when profile-service made the change.
    changed_at  timestamptz not null,
    event_id    text        not null,
    received_at timestamptz not null,
    primary key (profile_key, channel, purpose)
);

-- The latest do-not-contact mark or clear per profile and channel. Channel '*' contains the marks
-- that cover every channel (manual marks, which have no channel) and the clears. reason is null
-- after a clear.
create table consent_mark (
    profile_key text        not null,
    channel     text        not null,
    reason      text,
    changed_at  timestamptz not null,
    event_id    text        not null,
    received_at timestamptz not null,
    primary key (profile_key, channel)
);
