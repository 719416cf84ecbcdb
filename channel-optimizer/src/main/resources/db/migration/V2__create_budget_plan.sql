-- Budget plans as created through the API. request and plan are the JSON documents of the
-- allocation request and its result. status is proposed until a user accepts the plan.
create table budget_plan (
    id          uuid        primary key,
    name        text,
    status      text        not null check (status in ('proposed', 'accepted')),
    request     jsonb       not null,
    plan        jsonb       not null,
    created_at  timestamptz not null default now(),
    accepted_at timestamptz
);
