package io.channelmind.automation.rest;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/campaigns/{id}/schedule}. */
public record ScheduleRequest(
        @NotNull(message = "must be an ISO-8601 time such as 2030-01-31T09:00:00Z")
        @Schema(description = "When the campaign launches: its audience is read then, not now")
        Instant startAt,
        @Valid
        @Schema(description = "Replaces the campaign's send window when present")
        SendWindowRequest sendWindow) {
}
