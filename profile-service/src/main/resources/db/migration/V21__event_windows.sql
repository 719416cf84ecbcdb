-- Event windows for segment rules such as count(purchase, 90d) >= 1 (see docs/segments.md).
-- One row per applied purchase, return, cancellation and contact event; `value` is the purchase
-- amount, or the absolute amount returned or cancelled, and null when the event has none.
-- Events applied before this migration have no rows: replay cm.customer-events into an empty
-- database to fill it.

create table profile_activity (
    profile_key text collate "C" not null references profile (profile_key),
    event_id    text           not null,
    kind        text           not null,
    occurred_at timestamptz    not null,
    value       numeric(20, 4),
    primary key (profile_key, event_id)
);

create index profile_activity_window_idx on profile_activity (profile_key, kind, occurred_at);

-- The time a segment's rule is evaluated at (recencyDays and event windows end there); null
-- means the service's setting channelmind.profile.rule-as-of, or the clock.
alter table segment add column as_of timestamptz;
