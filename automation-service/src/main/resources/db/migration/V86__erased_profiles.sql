-- Profiles erased by a privacy request, so that customer events published before the erasure,
-- which the journey consumer may read afterwards, do not store the person again. Only a digest
-- of the profile key is kept, in a column that the erasure's profile_key scan does not match.
create table erased_profile (
    key_digest text primary key,
    erased_at timestamptz not null
);
