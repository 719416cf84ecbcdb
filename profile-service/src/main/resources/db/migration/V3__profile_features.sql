-- Purchase and engagement features (see docs/profiles.md). Profiles stored before this migration
-- start with their conversions counted as purchases and no purchase times or engagement: replay
-- cm.customer-events into an empty database to compute them exactly.

alter table profile
    add column purchases         bigint         not null default 0,
    add column cancellations     bigint         not null default 0,
    add column returns           bigint         not null default 0,
    add column monetary          numeric(20, 4) not null default 0,
    add column first_purchase_at timestamptz,
    add column last_purchase_at  timestamptz,
    add column first_channel     text,
    add column first_contact_at  timestamptz,
    -- {"hours": [24 counts], "weekdays": [7 counts, Monday first]} in the profile's time zone
    add column engagement        jsonb          not null default '{}'::jsonb;

update profile set purchases = conversions, monetary = conversion_value;
