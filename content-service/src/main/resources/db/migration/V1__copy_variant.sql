-- Every copy that content-service wrote, with its brief and how often it was delivered.
CREATE TABLE copy_variant (
    id                uuid        PRIMARY KEY,
    campaign          text,
    segment           text,
    channel           text        NOT NULL,
    locale            text        NOT NULL,
    generator         text        NOT NULL CHECK (generator IN ('template', 'llm')),
    model             text,
    subject           text,
    body              text        NOT NULL,
    placeholders      text[]      NOT NULL DEFAULT '{}',
    warnings          text[]      NOT NULL DEFAULT '{}',
    product           text        NOT NULL,
    offer             text,
    call_to_action    text,
    url               text,
    audience_size     bigint,
    audience_features jsonb       NOT NULL DEFAULT '{}',
    sends             bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL
);

CREATE INDEX copy_variant_campaign_idx ON copy_variant (campaign);

-- Deliveries already counted, so that a redelivered cm.deliveries event counts once.
CREATE TABLE counted_delivery (
    event_id   text        PRIMARY KEY,
    copy_id    uuid        NOT NULL REFERENCES copy_variant (id),
    counted_at timestamptz NOT NULL DEFAULT now()
);
