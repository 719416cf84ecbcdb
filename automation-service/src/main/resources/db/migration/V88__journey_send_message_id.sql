-- A journey e-mail stores its Message-ID before it is sent, so the unsubscribe, open and click
-- links of the message, which carry the token inside the Message-ID, find the journey send.
alter table journey_send add column message_id text;
create unique index journey_send_message_id_idx on journey_send (message_id) where message_id is not null;
