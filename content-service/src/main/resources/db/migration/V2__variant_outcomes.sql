-- Clicks and conversions per copy, so that the bandit can learn which variant converts best.
ALTER TABLE copy_variant ADD COLUMN clicks      bigint  NOT NULL DEFAULT 0;
ALTER TABLE copy_variant ADD COLUMN conversions bigint  NOT NULL DEFAULT 0;
-- Whether a variant may be sent; a reviewer approves it, and fine-tuning exports approved ones.
ALTER TABLE copy_variant ADD COLUMN approved    boolean NOT NULL DEFAULT false;

-- The outcome an event reported: delivered, clicked or converted. Old rows were all deliveries.
ALTER TABLE counted_delivery ADD COLUMN outcome text NOT NULL DEFAULT 'delivered'
    CHECK (outcome IN ('delivered', 'clicked', 'converted'));

CREATE INDEX copy_variant_campaign_segment_idx ON copy_variant (campaign, segment, channel);
