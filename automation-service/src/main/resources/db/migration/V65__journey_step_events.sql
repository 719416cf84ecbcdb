-- The step history of each journey entry, for the per-recipient history of the journeys API.
-- The rows are written in the entry's run transaction, together with journey_step_count, so a
-- run that rolls back after a crash leaves neither, and its rerun writes them once.
create table journey_step_event (
    id          bigserial   primary key,
    entry_id    bigint      not null references journey_entry (id) on delete cascade,
    journey_id  uuid        not null,
    profile_key text        not null,
    step_id     text        not null,
    -- entered: the entry reached the step. waiting and deferred: it waits until until_at, in a wait
    -- step or in a send moved out of quiet hours. wait-over: the wait ended. send, condition and
    -- branch: the step's outcome. exited and completed: the entry ended at the step.
    event       text        not null check (event in ('entered', 'waiting', 'deferred', 'wait-over', 'send',
                                                      'condition', 'branch', 'exited', 'completed')),
    -- The outcome: sent, failed, skipped or unknown for a send, true or false for a condition,
    -- branch-N for a branch, and the reason for an exit.
    outcome     text,
    -- send: the idempotency key of the journey_send row, whose status and detail may change later.
    send_key    text,
    -- branch: the step the branch leads to.
    next_step   text,
    until_at    timestamptz,
    at          timestamptz not null
);

create index journey_step_event_entry_idx on journey_step_event (entry_id, id);
-- The recipients page lists a journey's entries in id order.
create index journey_entry_journey_idx on journey_entry (journey_id, id);
