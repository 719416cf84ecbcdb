package io.channelmind.automation.journey;

import java.util.List;
import java.util.random.RandomGenerator;

import io.channelmind.automation.journey.JourneyDefinition.Branch;

/** Chooses a split branch: by weight, or by Thompson sampling over Beta posteriors of each arm. */
final class Splits {

    private Splits() {
    }

    static int weighted(List<Branch> branches, RandomGenerator random) {
        double total = branches.stream().mapToDouble(Branch::weightOrDefault).sum();
        double point = random.nextDouble() * total;
        for (int i = 0; i < branches.size(); i++) {
            point -= branches.get(i).weightOrDefault();
            if (point < 0) {
                return i;
            }
        }
        return branches.size() - 1;
    }

    /**
     * Returns the arm with the highest draw from Beta(1 + rewards, 1 + trials - rewards), so arms
     * with few trials still get explored and a clearly better arm gets most entries.
     */
    static int thompson(long[] trials, long[] rewards, RandomGenerator random) {
        int best = 0;
        double bestDraw = -1;
        for (int i = 0; i < trials.length; i++) {
            double draw = beta(1 + rewards[i], 1 + Math.max(0, trials[i] - rewards[i]), random);
            if (draw > bestDraw) {
                bestDraw = draw;
                best = i;
            }
        }
        return best;
    }

    static double beta(double alpha, double beta, RandomGenerator random) {
        double x = gamma(alpha, random);
        double y = gamma(beta, random);
        return x / (x + y);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang's method (ACM TOMS 26(3), 2000); shape is at least 1 here. */
    private static double gamma(double shape, RandomGenerator random) {
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
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
