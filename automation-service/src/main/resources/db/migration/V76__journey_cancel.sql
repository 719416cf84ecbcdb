-- cancelled: a journey that no profile enters and whose entries no longer move. Cancelling ends every
-- entry still in flight as exited, with the reason in its step history.
alter table journey drop constraint journey_status_check;
alter table journey add constraint journey_status_check check (status in ('active', 'paused', 'cancelled'));
