package io.channelmind.optimizer.curves;

/**
 * Search settings of a fit.
 *
 * @param adstock GEOMETRIC or WEIBULL
 * @param trials random hyperparameter candidates; a local search around the best follows
 * @param bootstrapSamples residual-bootstrap refits for the ROI intervals
 * @param seed seed of the search and the bootstrap, so a fit is reproducible
 */
public record FitSettings(Adstock.Kind adstock, int trials, int bootstrapSamples, long seed) {

    public static final FitSettings DEFAULTS = new FitSettings(Adstock.Kind.GEOMETRIC, 3_000, 200, 42);
}
