-- Do-not-contact: set from bounced, unsubscribed and complained deliveries (see docs/profiles.md).
-- A null reason means the profile may be contacted, subject to its consent per channel.
alter table profile
    add column do_not_contact_reason text,
    add column do_not_contact_at     timestamptz;
