-- Response-curve fits and attribution runs as created through the API, kept so that budget
-- plans (fitId) and the web page can use them later. fit and report are the JSON documents
-- returned when they were created.
create table curve_fit (
    id         uuid        primary key,
    name       text,
    fit        jsonb       not null,
    created_at timestamptz not null default now()
);

create table attribution_run (
    id         uuid        primary key,
    name       text,
    report     jsonb       not null,
    created_at timestamptz not null default now()
);

create index curve_fit_created_at on curve_fit (created_at desc);
create index attribution_run_created_at on attribution_run (created_at desc);
