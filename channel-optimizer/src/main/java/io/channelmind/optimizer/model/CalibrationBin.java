package io.channelmind.optimizer.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a calibration table: predictions in [from, to) against the observed rate. */
public record CalibrationBin(
        double from,
        double to,
        @Schema(description = "Predictions in the bin") long count,
        @Schema(description = "Mean predicted probability; null for an empty bin", nullable = true)
        Double meanPredicted,
        @Schema(description = "Share that converted; null for an empty bin", nullable = true)
        Double observedRate) {
}
