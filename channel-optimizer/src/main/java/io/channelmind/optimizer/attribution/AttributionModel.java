package io.channelmind.optimizer.attribution;

/** The attribution models this service computes. */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    LINEAR,
    TIME_DECAY,
    POSITION_BASED,
    MARKOV
}
