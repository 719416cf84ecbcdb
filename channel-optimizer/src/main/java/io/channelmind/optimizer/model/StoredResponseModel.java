package io.channelmind.optimizer.model;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.optimizer.bias.BiasReport;

/** A stored response model version with its evaluation and bias report. */
public record StoredResponseModel(
        @Schema(description = "Version number, increasing with each training run") long version,
        OffsetDateTime createdAt,
        TrainingSettings settings,
        ModelEvaluation evaluation,
        BiasReport bias,
        @Schema(description = "Whether the interest embedding was an input, with the evaluation without it;"
                + " null for versions trained before this was recorded", nullable = true)
        InterestEmbeddingReport embeddings,
        @Schema(description = "The fitted model; left out of the version list", nullable = true)
        ResponseModel model) {

    /** Returns this version without the fitted model, as the version list shows it. */
    public StoredResponseModel withoutModel() {
        return new StoredResponseModel(version, createdAt, settings, evaluation, bias, embeddings, null);
    }
}
