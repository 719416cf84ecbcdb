-- Profile merges from cm.profile-merged, so the consent rules and journey frequency caps of a
-- profile also read the rows stored under every key merged into it. Rows stay under the key their
-- event named, which keeps the outcome the same whether a merge arrives before or after the
-- changes of the merged key.
--
-- One row per profile key and each profile it was merged into, directly or through a chain
-- (C into B, then B into A gives C -> B, B -> A and C -> A). joined_at is when the key joined
-- that survivor: the merge's mergedAt, or the later one along a chain.
create table profile_merge (
    profile_key  text        not null,
    survivor_key text        not null,
    joined_at    timestamptz not null,
    -- The cm.profile-merged event that added the row.
    event_id     text        not null,
    received_at  timestamptz not null,
    primary key (profile_key, survivor_key)
);

create index profile_merge_survivor_idx on profile_merge (survivor_key);
