package io.channelmind.content.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.channelmind.web.stats.BetaPosterior;

class ThompsonSamplerTests {

    private static final long SEED = 20240501L;

    @Test
    void posteriorCountsConversions() {
        BetaPosterior posterior = new VariantStats("a", 100, 30, 4).posterior();

        assertEquals(5.0, posterior.alpha());
        assertEquals(97.0, posterior.beta());
    }

    @Test
    void clearWinnerIsProbablyBest() {
        ThompsonSampler sampler = new ThompsonSampler(0.05, ThompsonSampler.DEFAULT_DRAWS, SEED);

        List<VariantReport> report = sampler.report(List.of(new VariantStats("a", 2000, 0, 40),
                new VariantStats("b", 2000, 0, 120)));

        assertTrue(report.get(1).probabilityBest() > 0.99, report.toString());
        assertEquals(0.05, report.get(0).trafficShare(), 0.01);
        assertEquals(1.0, report.get(0).trafficShare() + report.get(1).trafficShare(), 1e-9);
    }

    @Test
    void noDataSplitsEvenly() {
        ThompsonSampler sampler = new ThompsonSampler(0.1, ThompsonSampler.DEFAULT_DRAWS, SEED);

        List<VariantReport> report = sampler.report(List.of(new VariantStats("a", 0, 0, 0), new VariantStats("b", 0, 0, 0)));

        assertEquals(0.5, report.get(0).probabilityBest(), 0.02);
        assertEquals(0.5, report.get(1).trafficShare(), 0.02);
    }

    @Test
    void sameSeedGivesSameReport() {
        List<VariantStats> stats = List.of(new VariantStats("a", 300, 0, 12), new VariantStats("b", 300, 0, 15));

        assertEquals(new ThompsonSampler(0.05, 2000, SEED).report(stats), new ThompsonSampler(0.05, 2000, SEED).report(stats));
    }

    @Test
    void floorShrinksWhenVariantsCannotAllHaveIt() {
        ThompsonSampler sampler = new ThompsonSampler(0.4, 1000, SEED);

        List<VariantReport> report = sampler.report(List.of(new VariantStats("a", 0, 0, 0), new VariantStats("b", 0, 0, 0),
                new VariantStats("c", 0, 0, 0)));

        report.forEach(variant -> assertEquals(1.0 / 3, variant.trafficShare(), 1e-9));
    }

    @Test
    void invalidShareIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ThompsonSampler(1.0, 1000, SEED));
        assertThrows(IllegalArgumentException.class, () -> new ThompsonSampler(-0.1, 1000, SEED));
    }

    /**
     * Variant A converts at 4 % and B at 6 %. Recipients arrive in batches of 100; each batch
     * is assigned with the shares that the outcomes so far give.
     */
    @Test
    void betterVariantGetsMostTraffic() {
        ThompsonSampler sampler = new ThompsonSampler(0.05, 2000, SEED);
        SplittableRandom outcomes = new SplittableRandom(SEED);
        double[] rates = {0.04, 0.06};
        long[] sends = new long[2];
        long[] conversions = new long[2];
        long[] lateSends = new long[2];
        int total = 5000;
        int batch = 100;

        for (int start = 0; start < total; start += batch) {
            List<VariantReport> report = sampler.report(List.of(new VariantStats("a", sends[0], 0, conversions[0]),
                    new VariantStats("b", sends[1], 0, conversions[1])));
            List<Double> shares = report.stream().map(VariantReport::trafficShare).toList();
            for (int recipient = start; recipient < start + batch; recipient++) {
                int variant = VariantAssignment.assign("spring", "demo:c-" + recipient, shares);
                sends[variant]++;
                if (outcomes.nextDouble() < rates[variant]) {
                    conversions[variant]++;
                }
                if (recipient >= total - 1000) {
                    lateSends[variant]++;
                }
            }
        }

        assertTrue(sends[1] > sends[0], "B sends " + sends[1] + ", A sends " + sends[0]);
        assertTrue(lateSends[1] > 0.7 * 1000, "B's share of the last 1000 sends: " + lateSends[1]);
        assertTrue(lateSends[0] > 0, "A keeps its exploration share");
    }
}
