-- Budget plans accepted on channel-optimizer (cm.budget-plans) and the spend of campaign sends
-- against them. A period is a calendar month in UTC, written YYYY-MM; the plan accepted last in a
-- period is the active one for that period.
create table budget_plan (
    plan_id       uuid          primary key,
    name          text,
    goal          text          not null,
    total_budget  numeric(18,4) not null,
    planned_spend numeric(18,4) not null,
    period        text          not null,
    accepted_at   timestamptz   not null,
    received_at   timestamptz   not null
);

create index budget_plan_period_idx on budget_plan (period, accepted_at desc);

-- The plan's spend per channel for its period, the proposedSpend of the event.
create table budget_plan_channel (
    plan_id uuid          not null references budget_plan (plan_id) on delete cascade,
    channel text          not null,
    budget  numeric(18,4) not null,
    primary key (plan_id, channel)
);

-- What campaign sends of the period have spent per channel, at the configured cost per message.
-- It belongs to the period, not to a plan, so a plan accepted mid-period starts from the spend so far.
create table budget_spend (
    period   text          not null,
    channel  text          not null,
    spent    numeric(18,4) not null,
    messages bigint        not null,
    primary key (period, channel)
);
