-- Contact points and names are stored encrypted (see docs/security.md, "Encryption of personal
-- data"). Each *_encrypted column contains an envelope ciphertext: a version byte, the id of the
-- data key in data_key, a nonce, the AES-256-GCM ciphertext and its tag. contact_key_id is the
-- id of the data key that encrypted the row's values, so the re-encryption job finds the rows of
-- an older key. Look-ups keep using the SHA-256 identities in profile_identity.
--
-- The plaintext columns email, phone and first_name stay until every row is converted: every
-- write clears them, and the re-encryption job converts the rows that no write has touched.

create table data_key (
    id          integer primary key,
    -- Id of the key-encryption key that wrapped this key.
    kek_id      text        not null,
    wrapped     bytea       not null,
    created_at  timestamptz not null,
    -- New values are encrypted with the newest key whose active_from has passed.
    active_from timestamptz not null
);

alter table profile
    add column email_encrypted      bytea,
    add column phone_encrypted      bytea,
    add column first_name_encrypted bytea,
    add column contact_key_id       integer;

-- The rows that the re-encryption job still has to convert from plaintext.
create index profile_plaintext_contact_idx on profile (profile_key)
    where email is not null or phone is not null or first_name is not null;
create index profile_contact_key_idx on profile (contact_key_id, profile_key);
