-- Erasure records: a keyed hash of each identity an erasure removed (profile keys and the SHA-256
-- hashes of e-mail addresses and phone numbers) with the time of the erasure. Customer events for
-- those identities that did not happen after the erasure are dropped, so a replay cannot bring the
-- person back (see docs/profiles.md, "Privacy requests"). The hash is an HMAC-SHA256, so these rows
-- hold none of the person's identifiers and cannot be matched against a list of addresses without
-- the key.
create table erased_identity (
    identity_hash text primary key,
    erased_at     timestamptz not null
);

-- The HMAC key used when channelmind.profile.erasure-hash-key is not set: one random key per
-- database, created on first use.
create table erasure_hash_key (
    id  integer primary key check (id = 1),
    key bytea   not null
);
