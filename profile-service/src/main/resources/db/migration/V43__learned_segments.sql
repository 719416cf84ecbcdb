-- Learned segments (see docs/segments.md, "Learned segments"): a segmentation clusters profiles
-- with k-means++ and stores each cluster as a segment of kind 'learned', named
-- '<segmentation>-<n>', whose members only a refresh changes. Such a segment has no rule.
alter table segment
    add column kind           text not null default 'rule' check (kind in ('rule', 'learned')),
    add column description_zh text,
    add column segmentation   text collate "C";
alter table segment alter column rule drop not null;
alter table segment add constraint segment_rule_kind check ((kind = 'rule') = (rule is not null));

create table learned_segmentation (
    name         text collate "C" primary key,
    requested_k  integer,
    seed         bigint      not null,
    as_of        timestamptz,
    k            integer     not null,
    silhouette   double precision,
    features     text[]      not null,
    profiles     bigint      not null,
    created_at   timestamptz not null,
    refreshed_at timestamptz not null
);
