package io.channelmind.optimizer.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a model version used the profiles' interest embedding, and how the same settings did
 * without it on the same training and holdout rows.
 */
@Schema(description = "Use of the interest embedding, with the evaluation without it on the same holdout")
public record InterestEmbeddingReport(
        @Schema(description = "True when the interest shares were model inputs") boolean used,
        @Schema(description = "Why the embedding was or was not used") String reason,
        @Schema(description = "profile-service's interest model version of the vectors", nullable = true)
        String modelVersion,
        @Schema(description = "Label of each vector component; the features are interest.<label>")
        List<String> labels,
        @Schema(description = "Profiles with a vector in the export") int profilesWithVector,
        @Schema(description = "Training and holdout rows whose profile has a vector") int rowsWithVector,
        @Schema(description = "Evaluation of the model trained on profile features only, on the same holdout;"
                + " null when the embedding was not used, because the version's evaluation is that one",
                nullable = true) ModelEvaluation withoutEmbeddings) {

    /** Returns the report of a version trained on profile features only. */
    public static InterestEmbeddingReport notUsed(String reason) {
        return new InterestEmbeddingReport(false, reason, null, List.of(), 0, 0, null);
    }
}
