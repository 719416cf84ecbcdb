package io.channelmind.optimizer.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored curve fit or attribution run in a listing: its id, label and creation time. */
public record StoredSummary(UUID id, @Schema(nullable = true) String name, OffsetDateTime createdAt) {
}
