-- The recipient's address and first name that a pending campaign send needs are stored
-- encrypted (see docs/security.md, "Encryption of personal data"). Each *_encrypted column
-- contains an envelope ciphertext: a version byte, the id of the data key in data_key, a nonce,
-- the AES-256-GCM ciphertext and its tag. contact_key_id is the id of the data key that encrypted
-- the row's values, so the re-encryption job finds the rows of an older key.
--
-- The plaintext columns address and first_name stay for the rows written before: the drainer
-- reads them when the encrypted column is null, and the re-encryption job converts them.

create table data_key (
    id          integer primary key,
    -- Id of the key-encryption key that wrapped this key.
    kek_id      text        not null,
    wrapped     bytea       not null,
    created_at  timestamptz not null,
    -- New values are encrypted with the newest key whose active_from has passed.
    active_from timestamptz not null
);

alter table send
    add column address_encrypted    bytea,
    add column first_name_encrypted bytea,
    add column contact_key_id       integer;

-- The rows that the re-encryption job still has to convert from plaintext.
create index send_plaintext_address_idx on send (idempotency_key)
    where address is not null or first_name is not null;
