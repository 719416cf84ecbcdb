-- deferred: a send step reached inside the profile's quiet hours waits until due_at, the first
-- allowed minute, and then runs the same step again. The wait is stored, so it survives a restart.
alter table journey_entry drop constraint journey_entry_status_check;
alter table journey_entry add constraint journey_entry_status_check
    check (status in ('active', 'waiting', 'deferred', 'completed', 'exited'));

drop index journey_entry_due_idx;
create index journey_entry_due_idx on journey_entry (due_at) where status in ('active', 'waiting', 'deferred');
