-- The traits of journey_profile that name or contact a person (automation.journeys.personal-traits,
-- such as email, phone and firstName) are stored encrypted in personal_traits. It is a JSON object
-- from the trait's name to the base64 of its envelope ciphertext (see V85 and docs/security.md,
-- "Encryption of personal data"). personal_key_id is the lowest id of the data keys that encrypted
-- them, so the re-encryption job finds the rows of an older key.
--
-- Rows written before keep those traits in traits until the re-encryption job moves them, one page
-- per transaction; a write of the profile moves them too.

alter table journey_profile
    add column personal_traits jsonb not null default '{}'::jsonb,
    add column personal_key_id integer;
