package io.channelmind.optimizer.model;

import java.util.List;

/**
 * Settings of one training run.
 *
 * @param l2                  L2 penalty on every coefficient except the intercept
 * @param holdoutShare        share of the examples, taken from the end of the ordered list, held out for evaluation
 * @param sensitiveAttributes attributes the bias report groups by, besides the age band
 */
public record TrainingSettings(double l2, double holdoutShare, List<String> sensitiveAttributes) {

    public static final double DEFAULT_L2 = 1.0;
    public static final double DEFAULT_HOLDOUT_SHARE = 0.2;

    public static TrainingSettings defaults() {
        return new TrainingSettings(DEFAULT_L2, DEFAULT_HOLDOUT_SHARE, List.of());
    }
}
