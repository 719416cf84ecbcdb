package io.channelmind.web.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BetaPosteriorTest {

    private static final long SEED = 20240501L;

    @Test
    void betaSamplesHaveTheDistributionMean() {
        BetaPosterior posterior = new BetaPosterior(5, 95);
        SplittableRandom random = new SplittableRandom(SEED);
        double sum = 0;
        int draws = 50_000;
        for (int i = 0; i < draws; i++) {
            sum += posterior.sample(random);
        }

        assertEquals(0.05, sum / draws, 0.001);
    }

    @Test
    void gammaWithSmallShapeHasItsMean() {
        SplittableRandom random = new SplittableRandom(SEED);
        double sum = 0;
        int draws = 50_000;
        for (int i = 0; i < draws; i++) {
            sum += BetaPosterior.gamma(0.5, random);
        }

        assertEquals(0.5, sum / draws, 0.02);
    }
}
