-- Contact and conversion counts per profile, channel, campaign and day (UTC day of occurredAt),
-- for performance by campaign and period. campaign is '' when the event names none. Events
-- consumed before this table existed are only in profile_channel.
create table profile_channel_day (
    profile_key text           not null,
    channel     text           not null,
    campaign    text           not null,
    day         date           not null,
    contacts    bigint         not null default 0,
    conversions bigint         not null default 0,
    value       numeric(19, 4) not null default 0,
    primary key (profile_key, channel, campaign, day)
);
create index profile_channel_day_day on profile_channel_day (day);

-- Spend per channel, campaign, day and currency from cm.spend. impressions and clicks are null
-- while no row of the group reported them. currency is '' when the row named none.
create table campaign_daily_spend (
    channel     text           not null,
    campaign    text           not null,
    day         date           not null,
    currency    text           not null,
    cost        numeric(19, 4) not null,
    impressions bigint,
    clicks      bigint,
    primary key (channel, campaign, day, currency)
);

-- Traits of identify events, merged key by key (a later value replaces an earlier one).
-- Contact points and identifiers are not stored. identified_order is the order in which
-- profiles were first identified, which orders the response model's training rows in time.
create table profile_trait (
    profile_key      text   primary key,
    traits           jsonb  not null,
    identified_order bigint generated always as identity
);

-- Response model versions, each with the settings it was trained with, the fitted model and
-- its holdout evaluation and bias report.
create table response_model (
    version    bigint      generated always as identity primary key,
    created_at timestamptz not null default now(),
    settings   jsonb       not null,
    model      jsonb       not null,
    evaluation jsonb       not null,
    bias       jsonb       not null
);
