-- Free traits that name the person (channelmind.profile.personal-traits, such as lastName) are
-- stored encrypted like the contact points (V70), as one JSON object per profile, and the other
-- traits stay in the plaintext traits column. contact_key_id covers this column too. Rows whose
-- traits column still contains such names are moved here by the next write or by the
-- re-encryption job.
alter table profile add column personal_traits_encrypted bytea;
