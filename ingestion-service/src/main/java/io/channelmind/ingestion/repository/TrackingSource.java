package io.channelmind.ingestion.repository;

import java.time.Instant;

/** A stored tracking source without its key hashes. */
public record TrackingSource(String name, Instant createdAt, Instant rotatedAt, Instant previousKeyExpiresAt,
        Instant revokedAt) {
}
