-- Contact and conversion counts per profile, channel and part of the day in the profile's time
-- zone: night (00-06), morning (06-12), afternoon (12-18) and evening (18-24). At most four rows
-- per profile and channel, so the table stays small however long the history. The zone is the
-- event's traits.timeZone, else the profile's latest identify timeZone, else UTC. Events
-- consumed before this table existed are not in it.
create table profile_channel_day_part (
    profile_key text   not null,
    channel     text   not null,
    day_part    text   not null check (day_part in ('night', 'morning', 'afternoon', 'evening')),
    contacts    bigint not null default 0,
    conversions bigint not null default 0,
    primary key (profile_key, channel, day_part)
);
