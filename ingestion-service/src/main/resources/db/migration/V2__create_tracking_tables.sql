-- A tracking source: an app or website that sends Segment-style calls with its own write key.
-- Only the SHA-256 hash of a key is stored, so a database dump does not reveal working keys.
CREATE TABLE source (
    name                    varchar(100) PRIMARY KEY,
    key_hash                char(64)     NOT NULL UNIQUE,
    -- After a rotation the replaced key stays valid until previous_key_expires_at.
    previous_key_hash       char(64),
    previous_key_expires_at timestamptz,
    created_at              timestamptz  NOT NULL,
    rotated_at              timestamptz,
    revoked_at              timestamptz
);

CREATE INDEX source_previous_key_hash_idx ON source (previous_key_hash) WHERE previous_key_hash IS NOT NULL;

-- The messageIds accepted per source, for de-duplication across requests, restarts and
-- replicas. A row older than ingestion.tracking.dedupe-window no longer blocks its id and is
-- deleted by a periodic purge.
CREATE TABLE tracking_message (
    source_name varchar(100) NOT NULL REFERENCES source (name) ON DELETE CASCADE,
    message_id  varchar(200) NOT NULL,
    received_at timestamptz  NOT NULL,
    PRIMARY KEY (source_name, message_id)
);

CREATE INDEX tracking_message_received_at_idx ON tracking_message (received_at);
