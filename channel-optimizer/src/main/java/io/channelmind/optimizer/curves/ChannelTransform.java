package io.channelmind.optimizer.curves;

/**
 * Adstock then Hill saturation for one channel:
 * {@code h = a^alpha / (a^alpha + (gammaShare * max(a))^alpha)}, a value between 0 and 1. The
 * half-saturation point is a share of the largest adstocked spend in the fit history, so it
 * scales with the channel.
 */
public record ChannelTransform(Adstock adstock, double alpha, double gammaShare) {

    /** Returns the saturated series and the half-saturation point used. */
    public Result apply(double[] spend, double reference) {
        double[] adstocked = adstock.apply(spend);
        double gamma = gammaShare * reference;
        double[] saturated = new double[spend.length];
        for (int t = 0; t < spend.length; t++) {
            saturated[t] = hill(adstocked[t], gamma);
        }
        return new Result(saturated, gamma);
    }

    /** Returns the largest adstocked spend of the history, the reference for the half-saturation point. */
    public double reference(double[] spend) {
        double max = 0;
        for (double value : adstock.apply(spend)) {
            max = Math.max(max, value);
        }
        return max;
    }

    double hill(double adstocked, double gamma) {
        if (adstocked <= 0 || gamma <= 0) {
            return 0;
        }
        double scaled = Math.pow(adstocked / gamma, alpha);
        return scaled / (1 + scaled);
    }

    /** A transformed series with the half-saturation point in adstocked spend. */
    public record Result(double[] values, double gamma) {
    }
}
