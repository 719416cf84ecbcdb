-- The send table becomes the outbox of campaign sends. Launching a campaign fills it with one
-- pending row per member, due when quiet hours and the campaign's send window allow, and every
-- instance drains due rows with FOR UPDATE SKIP LOCKED under a lease.

-- Members skipped when the outbox is filled (no address, no consent) get a row without an
-- address hash. A unique index treats nulls as distinct, so such rows never collide.
alter table send alter column address_hash drop not null;

alter table send drop constraint send_status_check;
alter table send add constraint send_status_check check (status in ('pending', 'sent', 'skipped', 'failed'));

alter table send
    -- Earliest time the row may be sent; moved forward when quiet hours or the send window forbid now.
    add column due_at        timestamptz,
    -- Lease of the instance that claimed the row. A row whose lease ended returns to the drainers,
    -- so the rows of an instance that stopped are sent by the others.
    add column claimed_until timestamptz,
    add column claimed_by    text,
    add column skip_reason   text,
    -- What the send needs from the profile. Cleared when the row reaches a final state, so the
    -- table keeps an address only while a message to it is waiting.
    add column address       text,
    add column first_name    text,
    add column time_zone     text;

create index send_due_idx on send (due_at) where status = 'pending';
create index send_campaign_status_idx on send (campaign_id, status);

alter table campaign drop constraint campaign_status_check;
alter table campaign add constraint campaign_status_check
    check (status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'failed', 'cancelled'));

alter table campaign
    -- Start time of a scheduled campaign; the scheduler fills its outbox once it has passed.
    add column scheduled_at      timestamptz,
    -- Daily window in which sends are allowed, in send_window_zone or, when that is null, in the
    -- recipient's own time zone. Both null means no window.
    add column send_window_start time,
    add column send_window_end   time,
    add column send_window_zone  text,
    -- Set when the launch has written every member into the outbox. Until then the campaign
    -- cannot complete, and an instance takes over a fill whose heartbeat is older than the lease.
    add column filled_at         timestamptz;

-- Existing running campaigns were filled by the in-memory runs of the previous version.
update campaign set filled_at = coalesce(started_at, created_at) where status <> 'draft';

-- A pending row of the previous version may have been handed to the SMTP server before its
-- instance stopped, and it has no address to send again with, so it ends as skipped.
update send set status = 'skipped', skip_reason = 'outcome unknown' where status = 'pending';
