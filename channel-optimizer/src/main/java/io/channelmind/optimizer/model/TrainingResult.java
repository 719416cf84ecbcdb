package io.channelmind.optimizer.model;

import java.util.List;

import io.channelmind.optimizer.bias.BiasObservation;
import io.channelmind.optimizer.bias.BiasReport;

/**
 * Outcome of a training run: the model refitted on all rows for serving, the evaluation of the
 * same settings on the holdout, the bias report over the holdout, the holdout scores the report
 * was computed from, and the use of the interest embedding (null until the caller adds it).
 */
public record TrainingResult(ResponseModel model, ModelEvaluation evaluation, BiasReport bias,
        List<BiasObservation> holdout, InterestEmbeddingReport embeddings) {

    public TrainingResult(ResponseModel model, ModelEvaluation evaluation, BiasReport bias,
            List<BiasObservation> holdout) {
        this(model, evaluation, bias, holdout, null);
    }

    /** Returns this result with the report on the interest embedding. */
    public TrainingResult withEmbeddings(InterestEmbeddingReport report) {
        return new TrainingResult(model, evaluation, bias, holdout, report);
    }
}
