-- Journey sends keep the hashed address and the provider's message id, so a complaint that a
-- provider reports by its own message id finds the send, and the address can be put on the
-- do-not-contact list. The hash is the SHA-256 of the normalised address, as in the send table,
-- and is null for channels without a personal address (group chat webhooks).
alter table journey_send add column address_hash text;
alter table journey_send add column provider_message_id text;

create index journey_send_provider_idx on journey_send (channel, provider_message_id)
    where provider_message_id is not null;
create index journey_send_address_sent_idx on journey_send (address_hash, updated_at) where status = 'sent';
