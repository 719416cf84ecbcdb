-- Interest vectors (see the interests section of docs/profiles.md): one component per anchor
-- label, decayed to interest_at, the time of the profile's latest interest text.
-- interest_model names the models, anchor set and temperature the vector was made with; a vector
-- of another model version is ignored on read. Events applied before this migration added no
-- interests: replay cm.customer-events into an empty database to fill them.

alter table profile add column interest_vector float8[];
alter table profile add column interest_at timestamptz;
alter table profile add column interest_model text;

-- The similar-profiles scan and the vector pages read only profiles with a vector.
create index profile_interest_idx on profile (profile_key) where interest_vector is not null;
