-- The append-only audit log that io.channelmind.web.audit.AuditLog writes in every service.
-- A repeatable migration from web-support, so each service gets the same table without a copy of
-- this file; every statement is idempotent because Flyway runs it again whenever it changes.
create table if not exists audit_log (
    id bigint generated always as identity primary key,
    time timestamptz not null default clock_timestamp(),
    actor text not null,
    actor_roles text not null default '',
    action text not null,
    entity_type text not null,
    entity_id text not null,
    before jsonb,
    after jsonb,
    request_id text
);

create index if not exists audit_log_entity on audit_log (entity_type, entity_id, id);
create index if not exists audit_log_time on audit_log (time);

create or replace function audit_log_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op;
end;
$$;

drop trigger if exists audit_log_append_only on audit_log;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_reject_change();

drop trigger if exists audit_log_no_truncate on audit_log;
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_reject_change();

-- Entries about a data subject (a customer, whose subject_key is the profile key) name them in
-- audit_log.subject and entity_id by a random pseudonym from audit_subject, never by the key.
-- An erasure deletes the subject's row here, which unlinks its entries from the person while
-- audit_log itself stays append-only.
create table if not exists audit_subject (
    subject_key text primary key,
    pseudonym uuid not null unique,
    created_at timestamptz not null default clock_timestamp()
);

alter table audit_log add column if not exists subject uuid;
create index if not exists audit_log_subject on audit_log (subject, id) where subject is not null;

-- A pseudonym is never moved to another subject: a subject's row is only inserted or deleted.
create or replace function audit_subject_reject_update() returns trigger language plpgsql as $$
begin
    raise exception 'audit_subject pseudonyms never change: UPDATE is not allowed';
end;
$$;

drop trigger if exists audit_subject_no_update on audit_subject;
create trigger audit_subject_no_update before update on audit_subject
    for each row execute function audit_subject_reject_update();
