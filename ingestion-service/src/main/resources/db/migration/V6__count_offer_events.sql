-- Imports of the offer-catalogue mapping publish to cm.offers; their count sits beside the
-- customer and spend counts.
ALTER TABLE import_job ADD COLUMN offer_events bigint NOT NULL DEFAULT 0;
