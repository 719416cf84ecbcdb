package io.channelmind.content.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.channelmind.web.stats.BetaPosterior;

/**
 * Thompson sampling over the variants of one segment. The probability that each variant has
 * the highest conversion rate is estimated by Monte Carlo from the Beta posteriors with a
 * seeded generator, so the same outcomes always give the same shares. Each variant keeps at
 * least the minimum exploration share of traffic, so a variant that started badly can recover.
 */
public final class ThompsonSampler {

    /** Draws per variant for the probability of being best; the estimate's standard error is at most 0.005. */
    public static final int DEFAULT_DRAWS = 10_000;

    private final double minExplorationShare;
    private final int draws;
    private final long seed;

    /**
     * @param minExplorationShare the share of traffic each variant keeps, 0 to 1 / number of variants
     * @param draws Monte Carlo draws per variant
     * @param seed seed of the generator, so that reports and allocations repeat
     */
    public ThompsonSampler(double minExplorationShare, int draws, long seed) {
        if (minExplorationShare < 0 || minExplorationShare >= 1) {
            throw new IllegalArgumentException("minExplorationShare must be in [0, 1), was " + minExplorationShare);
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be positive, was " + draws);
        }
        this.minExplorationShare = minExplorationShare;
        this.draws = draws;
        this.seed = seed;
    }

    /**
     * Reports each variant's posterior, probability of being best and traffic share. The
     * shares are {@code floor + (1 - n * floor) * P(best)}, where the floor is the minimum
     * exploration share, lowered to 1 / n when n variants could not all have it.
     */
    public List<VariantReport> report(List<VariantStats> variants) {
        int count = variants.size();
        if (count == 0) {
            return List.of();
        }
        double[] best = probabilityBest(variants);
        double floor = Math.min(minExplorationShare, 1.0 / count);
        List<VariantReport> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VariantStats stats = variants.get(i);
            double share = floor + (1 - count * floor) * best[i];
            reports.add(new VariantReport(stats.variantId(), stats.sends(), stats.clicks(), stats.conversions(),
                    stats.posterior(), best[i], share));
        }
        return reports;
    }

    private double[] probabilityBest(List<VariantStats> variants) {
        int count = variants.size();
        double[] wins = new double[count];
        if (count == 1) {
            wins[0] = 1;
            return wins;
        }
        List<BetaPosterior> posteriors = variants.stream().map(VariantStats::posterior).toList();
        SplittableRandom random = new SplittableRandom(seed);
        for (int draw = 0; draw < draws; draw++) {
            int winner = 0;
            double max = -1;
            for (int i = 0; i < count; i++) {
                double rate = posteriors.get(i).sample(random);
                if (rate > max) {
                    max = rate;
                    winner = i;
                }
            }
            wins[winner]++;
        }
        for (int i = 0; i < count; i++) {
            wins[i] /= draws;
        }
        return wins;
    }
}
