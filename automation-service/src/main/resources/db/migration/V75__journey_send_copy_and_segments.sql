-- A journey send records the content-service variant it sent (null for text written on the step)
-- and, for SMS, the number of segments of the rendered text, as GSM-7 or UCS-2 counts them.
alter table journey_send add column copy_id text;
alter table journey_send add column sms_segments integer;
