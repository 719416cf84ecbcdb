package io.channelmind.optimizer.model;

import java.util.List;

import io.channelmind.optimizer.bias.BiasObservation;
import io.channelmind.optimizer.bias.BiasReport;

/**
 * Outcome of a training run: the model refitted on all rows for serving, the evaluation of the
 * same settings on the holdout, the bias report over the holdout and the holdout scores the
 * report was computed from.
 */
public record TrainingResult(ResponseModel model, ModelEvaluation evaluation, BiasReport bias,
        List<BiasObservation> holdout) {
}
