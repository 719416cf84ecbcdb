-- Journeys of automation-service: definitions, the position of every profile in them, and what
-- the steps did. The engine locks an entry row while it runs its steps, so several instances can
-- share the work and a restart continues from the stored step.

create table journey (
    id          uuid        primary key,
    name        text        not null,
    -- The validated JourneyDefinition as JSON.
    definition  jsonb       not null,
    status      text        not null check (status in ('active', 'paused')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- One row per time a profile entered a journey.
create table journey_entry (
    id          bigserial   primary key,
    journey_id  uuid        not null references journey (id) on delete cascade,
    profile_key text        not null,
    -- 1 for the first entry of the profile, 2 for its re-entry, and so on.
    entry_no    integer     not null,
    step_id     text        not null,
    -- active: due to run its current step at due_at; waiting: inside a wait step until due_at;
    -- completed: ran past its last step; exited: reached an exit step.
    status      text        not null check (status in ('active', 'waiting', 'completed', 'exited')),
    due_at      timestamptz,
    entered_at  timestamptz not null,
    finished_at timestamptz,
    -- The event that caused the entry (Kafka eventId, or date:<local date> for date triggers), so a
    -- redelivered event cannot enter a profile twice.
    trigger_key text        not null,
    unique (journey_id, profile_key, entry_no),
    unique (journey_id, profile_key, trigger_key)
);

create index journey_entry_due_idx on journey_entry (due_at) where status in ('active', 'waiting');
create index journey_entry_profile_idx on journey_entry (journey_id, profile_key);

-- Per-step counters: entered, sent, failed, skipped, duplicate, true, false, branch-N, exited.
create table journey_step_count (
    journey_id uuid   not null references journey (id) on delete cascade,
    step_id    text   not null,
    outcome    text   not null,
    count      bigint not null,
    primary key (journey_id, step_id, outcome)
);

-- The send ledger of journeys, keyed by the SendKey value <journey>/<step>#<entry>/<profile>.
-- A row is committed before the message goes to the connector, so a step that runs again after
-- a crash finds it and does not send twice.
create table journey_send (
    idempotency_key text        primary key,
    journey_id      uuid        not null references journey (id) on delete cascade,
    step_id         text        not null,
    profile_key     text        not null,
    channel         text        not null,
    status          text        not null check (status in ('pending', 'sent', 'failed', 'skipped')),
    detail          text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- Customer events that conditions and bandit rewards look at, from cm.customer-events.
create table journey_event (
    event_id    text        primary key,
    profile_key text        not null,
    type        text        not null,
    name        text,
    occurred_at timestamptz not null
);

create index journey_event_profile_idx on journey_event (profile_key, occurred_at);

-- The latest identify traits per profile, for trait conditions, date triggers and placeholders.
create table journey_profile (
    profile_key text        primary key,
    traits      jsonb       not null,
    updated_at  timestamptz not null
);

-- Bandit split arms: how often each branch was chosen and how often its goal event followed.
create table journey_arm (
    journey_id uuid    not null references journey (id) on delete cascade,
    step_id    text    not null,
    branch     integer not null,
    trials     bigint  not null default 0,
    rewards    bigint  not null default 0,
    primary key (journey_id, step_id, branch)
);

create table journey_arm_pull (
    entry_id    bigint      not null references journey_entry (id) on delete cascade,
    step_id     text        not null,
    journey_id  uuid        not null,
    profile_key text        not null,
    branch      integer     not null,
    goal        text        not null,
    pulled_at   timestamptz not null,
    rewarded    boolean     not null default false,
    primary key (entry_id, step_id)
);

create index journey_arm_pull_open_idx on journey_arm_pull (profile_key) where not rewarded;

-- Recurring campaigns: a cron expression in a time zone. Each occurrence is recorded once by its
-- local date-time, so an autumn daylight-saving change that repeats a local hour fires once.
create table recurring_campaign (
    id          uuid        primary key,
    campaign_id uuid        not null,
    cron        text        not null,
    zone        text        not null,
    status      text        not null check (status in ('active', 'paused')),
    next_at     timestamptz,
    created_at  timestamptz not null
);

create table recurring_occurrence (
    schedule_id uuid        not null references recurring_campaign (id) on delete cascade,
    occurrence  text        not null,
    fire_at     timestamptz not null,
    created_at  timestamptz not null,
    primary key (schedule_id, occurrence)
);
