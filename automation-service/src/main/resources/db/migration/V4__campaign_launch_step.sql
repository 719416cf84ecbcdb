-- The step that the latest launch keys its sends by: 'initial' for one-off campaigns, and
-- 'occurrence:<instant>' for an occurrence of a recurring campaign. Stored on the campaign so a
-- fill that another instance takes over, or a manual relaunch, keeps the occurrence's keys.
alter table campaign add column launch_step text not null default 'initial';
