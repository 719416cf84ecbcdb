-- Delivery outcomes per profile and channel from cm.deliveries (see docs/profiles.md). Until
-- now `sent` counted only `delivered` events, so existing rows start with delivered = sent;
-- bounces recorded before this migration are not in `sent`.

alter table profile_channel
    add column delivered bigint not null default 0,
    add column opened    bigint not null default 0,
    add column clicked   bigint not null default 0,
    add column converted bigint not null default 0;

update profile_channel set delivered = sent;
