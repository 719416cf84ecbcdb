package io.channelmind.optimizer.plan;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.AllocationRequest;

/** A stored budget plan with its request, result and status. */
public record StoredPlan(
        UUID id,
        @Schema(nullable = true) String name,
        @Schema(description = "proposed, or accepted once a user accepted it") String status,
        AllocationRequest request,
        AllocationPlan plan,
        OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime acceptedAt) {

    public static final String PROPOSED = "proposed";
    public static final String ACCEPTED = "accepted";
}
