package io.channelmind.web.stats;

import java.util.random.RandomGenerator;

/**
 * A Beta(alpha, beta) distribution of a conversion rate, from which the Thompson samplers of
 * content-service (copy variants) and automation-service (bandit splits of journeys) draw.
 *
 * @param alpha 1 plus the conversions
 * @param beta 1 plus the sends without a conversion
 */
public record BetaPosterior(double alpha, double beta) {

    public double mean() {
        return alpha / (alpha + beta);
    }

    /** Draws one rate as X / (X + Y) with X ~ Gamma(alpha) and Y ~ Gamma(beta). */
    public double sample(RandomGenerator random) {
        double x = gamma(alpha, random);
        double y = gamma(beta, random);
        return x / (x + y);
    }

    /**
     * Draws from Gamma(shape, 1) by the method of Marsaglia and Tsang (ACM TOMS 26(3), 2000).
     * A shape below 1 is drawn as Gamma(shape + 1) times U^(1/shape).
     */
    static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
