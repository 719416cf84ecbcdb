package io.channelmind.optimizer.attribution;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An attribution run: the results of every model requested, with the number of journey rows read. */
public record AttributionReport(
        @Schema(description = "Id of the stored run, for GET /api/v1/attribution/{id}; null before it is stored",
                nullable = true) UUID id,
        @Schema(description = "Label given in the request", nullable = true) String name,
        @Schema(description = "When the run was stored", nullable = true) OffsetDateTime createdAt,
        @Schema(description = "Journey rows read") int journeys,
        List<AttributionResult> results) {

    /** Returns this report with the id, name and time it was stored under. */
    public AttributionReport stored(UUID storedId, String storedName, OffsetDateTime storedAt) {
        return new AttributionReport(storedId, storedName, storedAt, journeys, results);
    }
}
