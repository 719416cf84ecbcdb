package io.channelmind.optimizer.curves;

/**
 * Carry-over of spend into later periods. Geometric: {@code a[t] = x[t] + theta * a[t-1]}.
 * Weibull: {@code a[t] = sum over lags l of w[l] * x[t-l]} with the Weibull survival weights
 * {@code w[l] = exp(-(l / scale)^shape)}, so w[0] = 1 and the decay can be delayed (shape above
 * 1) or fast at first (shape below 1).
 */
public record Adstock(Kind kind, double theta, double shape, double scale) {

    /** The adstock family. */
    public enum Kind {
        GEOMETRIC,
        WEIBULL
    }

    // Lags beyond this weigh less than exp(-(MAX_LAG / scale)^shape) and are dropped.
    private static final int MAX_LAG = 26;

    public static Adstock geometric(double theta) {
        return new Adstock(Kind.GEOMETRIC, theta, 0, 0);
    }

    public static Adstock weibull(double shape, double scale) {
        return new Adstock(Kind.WEIBULL, 0, shape, scale);
    }

    /**
     * Returns the adstocked value of a spend of 1 in every period, once the carry-over has
     * settled: {@code 1 / (1 - theta)} for geometric adstock, the sum of the lag weights for
     * Weibull.
     */
    public double steadyStateFactor() {
        if (kind == Kind.GEOMETRIC) {
            return 1 / (1 - theta);
        }
        double sum = 0;
        for (int lag = 0; lag <= MAX_LAG; lag++) {
            sum += Math.exp(-Math.pow(lag / scale, shape));
        }
        return sum;
    }

    /** Returns the adstocked series; the first periods see no carry-over from before the history. */
    public double[] apply(double[] spend) {
        double[] out = new double[spend.length];
        if (kind == Kind.GEOMETRIC) {
            double carry = 0;
            for (int t = 0; t < spend.length; t++) {
                carry = spend[t] + theta * carry;
                out[t] = carry;
            }
            return out;
        }
        double[] weights = new double[MAX_LAG + 1];
        for (int lag = 0; lag <= MAX_LAG; lag++) {
            weights[lag] = Math.exp(-Math.pow(lag / scale, shape));
        }
        for (int t = 0; t < spend.length; t++) {
            double sum = 0;
            for (int lag = 0; lag <= MAX_LAG && lag <= t; lag++) {
                sum += weights[lag] * spend[t - lag];
            }
            out[t] = sum;
        }
        return out;
    }
}
