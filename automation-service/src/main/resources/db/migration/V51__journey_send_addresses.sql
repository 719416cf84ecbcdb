-- Journey sends keep the hashed address and the provider's message id, so a complaint that a
-- provider reports by its own message id finds the send, and the address can be put on the
-- do-not-contact list. The hash is the SHA-256 of the normalised address, as in the send table,
-- and is null for channels without a personal address (group chat webhooks).
alter table journey_send add column address_hash text;
alter table journey_send add column provider_message_id text;

create index journey_send_provider_idx on journey_send (channel, provider_message_id)
    where provider_message_id is not null;
-- Journey frequency caps count the recent sends of one profile in both send ledgers.
create index journey_send_profile_sent_idx on journey_send (profile_key, updated_at) where status = 'sent';
create index send_profile_sent_idx on send (profile_key, accepted_at) where status = 'sent';
