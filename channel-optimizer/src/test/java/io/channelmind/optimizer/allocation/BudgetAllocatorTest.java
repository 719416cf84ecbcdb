package io.channelmind.optimizer.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BudgetAllocatorTest {

    private static final double BUDGET = 10_000;

    @Test
    void reachesExhaustiveGridOptimum() {
        Random random = new Random(20261204);
        for (int n = 2; n <= 4; n++) {
            for (int trial = 0; trial < 5; trial++) {
                List<ChannelBudget> channels = randomChannels(random, n);
                AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels, null, null));

                double gridBest = exhaustiveBest(channels, BUDGET, n == 4 ? 200 : 600);

                assertTrue(plan.expectedOutcome() >= 0.999 * gridBest, n + " channels, trial " + trial + ": plan "
                        + plan.expectedOutcome() + " against grid " + gridBest);
                assertEquals(BUDGET, plan.plannedSpend(), 1e-6, "planned spend");
                assertEquals(BUDGET, plan.channels().stream().mapToDouble(ChannelAllocation::proposedSpend).sum(), 1e-6,
                        "sum of proposed spend");
            }
        }
    }

    @Test
    void curvatureMatchesNumericDerivative() {
        for (HillCurve curve : List.of(new HillCurve(20_000, 3_000, 1.0), new HillCurve(12_000, 2_000, 2.5),
                new HillCurve(5_000, 800, 0.6))) {
            for (double spend : new double[] {50, 400, 1_999, 3_000, 9_000}) {
                double step = spend * 1e-4;
                double numeric = (curve.marginal(spend + step) - curve.marginal(spend - step)) / (2 * step);
                assertEquals(numeric, curve.curvature(spend), 1e-5 * Math.abs(numeric) + 1e-12,
                        curve + " at " + spend);
            }
        }
    }

    @Test
    void boundsAndLocksRespected() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<ChannelBudget> channels = new ArrayList<>(randomChannels(random, 4));
            channels.set(0, channels.get(0).asLocked());
            channels.set(1, channels.get(1).withBounds(500.0, 1_500.0));
            channels.set(2, channels.get(2).withRatios(0.5, 2.0));

            AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels, null, null));

            ChannelAllocation locked = plan.channels().get(0);
            ChannelAllocation bounded = plan.channels().get(1);
            ChannelAllocation relative = plan.channels().get(2);
            assertEquals(channels.get(0).currentSpend(), locked.proposedSpend(), 1e-9, "locked spend");
            assertTrue(bounded.proposedSpend() >= 500 - 1e-9, "above absolute lower bound");
            assertTrue(bounded.proposedSpend() <= 1_500 + 1e-9, "below absolute upper bound");
            assertTrue(relative.proposedSpend() >= 0.5 * channels.get(2).currentSpend() - 1e-9, "relative lower bound");
            assertTrue(relative.proposedSpend() <= 2.0 * channels.get(2).currentSpend() + 1e-9, "relative upper bound");
            assertEquals(BUDGET, plan.plannedSpend(), 1e-6, "planned spend");
        }
    }

    @Test
    void channelWithoutHistoryGetsLowerBound() {
        List<ChannelBudget> channels = List.of(
                ChannelBudget.of("email", 3_000, new HillCurve(20_000, 4_000, 1.2)),
                ChannelBudget.of("sms", 3_000, new HillCurve(15_000, 3_000, 2.0)),
                new ChannelBudget("push", 0, null, null, null, 250.0, null, null, null, false));

        AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels, null, null));

        assertEquals(250, plan.channels().get(2).proposedSpend(), 1e-9);
        assertTrue(plan.warnings().stream().anyMatch(warning -> warning.startsWith("push: no spend history")),
                plan.warnings().toString());
        assertNull(plan.channels().get(2).marginalRoi());
    }

    @Test
    void warnsOutsideHistoricalRange() {
        List<ChannelBudget> channels = List.of(
                ChannelBudget.of("email", 5_000, new HillCurve(50_000, 2_000, 1.0)).withHistory(4_000.0, 6_000.0),
                ChannelBudget.of("sms", 5_000, new HillCurve(100, 5_000, 1.0)).withHistory(4_000.0, 6_000.0));

        AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels, null, null));

        assertTrue(plan.channels().get(0).proposedSpend() > 6_000, "email gets most of the budget");
        assertTrue(plan.warnings().stream().anyMatch(warning -> warning.startsWith("email: planned spend")),
                plan.warnings().toString());
        assertTrue(plan.warnings().stream().anyMatch(warning -> warning.startsWith("sms: planned spend")),
                plan.warnings().toString());
    }

    @Test
    void interiorChannelsShareMarginalRoi() {
        List<ChannelBudget> channels = List.of(
                ChannelBudget.of("email", 2_000, new HillCurve(20_000, 3_000, 1.0)),
                ChannelBudget.of("sms", 2_000, new HillCurve(30_000, 6_000, 1.0)),
                ChannelBudget.of("search", 6_000, new HillCurve(25_000, 4_000, 1.0)));

        AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels, null, null));

        for (ChannelAllocation channel : plan.channels()) {
            assertEquals(plan.marginalRoi(), channel.marginalRoi(), 1e-3 * plan.marginalRoi(), channel.channel());
        }
    }

    @Test
    void targetRoasSpendsLessWhenNeeded() {
        List<ChannelBudget> channels = List.of(
                ChannelBudget.of("email", 2_000, new HillCurve(20_000, 3_000, 1.0)),
                ChannelBudget.of("sms", 2_000, new HillCurve(10_000, 3_000, 1.0)));

        AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels,
                AllocationGoal.TARGET_ROAS, 2.5));

        assertTrue(plan.plannedSpend() < BUDGET, "spends less than the budget");
        assertTrue(plan.expectedRoas() >= 2.5, "ROAS " + plan.expectedRoas());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void unreachableTargetCpaWarns() {
        List<ChannelBudget> channels = List.of(ChannelBudget.of("email", 2_000, new HillCurve(10, 3_000, 1.0)));

        AllocationPlan plan = BudgetAllocator.allocate(new AllocationRequest(BUDGET, channels,
                AllocationGoal.TARGET_CPA, 1.0));

        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).startsWith("No spend within the bounds meets the target TARGET_CPA"),
                plan.warnings().get(0));
    }

    @Test
    void invalidRequestNamesFields() {
        List<ChannelBudget> channels = List.of(
                ChannelBudget.of("email", -1, new HillCurve(10, 0, 1.0)),
                ChannelBudget.of("email", 10, new HillCurve(10, 5, 1.0)).withBounds(800.0, 200.0));

        InvalidAllocationException error = assertThrows(InvalidAllocationException.class,
                () -> BudgetAllocator.allocate(new AllocationRequest(1_000, channels, AllocationGoal.TARGET_ROAS, null)));

        List<String> fields = error.errors().stream().map(InvalidAllocationException.FieldError::field).toList();
        assertTrue(fields.contains("target"), fields.toString());
        assertTrue(fields.contains("channels[0].currentSpend"), fields.toString());
        assertTrue(fields.contains("channels[0].curve.halfSaturation"), fields.toString());
        assertTrue(fields.contains("channels[1].channel"), fields.toString());
        assertTrue(fields.contains("channels[1]"), fields.toString());
    }

    @Test
    void budgetAboveUpperBoundsRejected() {
        List<ChannelBudget> channels = List.of(ChannelBudget.of("email", 100, new HillCurve(10, 5, 1.0)).asLocked());

        InvalidAllocationException error = assertThrows(InvalidAllocationException.class,
                () -> BudgetAllocator.allocate(new AllocationRequest(1_000, channels, null, null)));

        assertEquals("totalBudget", error.errors().get(0).field());
    }

    private static List<ChannelBudget> randomChannels(Random random, int n) {
        List<ChannelBudget> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HillCurve curve = new HillCurve(5_000 + random.nextDouble() * 30_000, 500 + random.nextDouble() * 6_000,
                    0.6 + random.nextDouble() * 2.4);
            channels.add(ChannelBudget.of("channel-" + i, BUDGET / n, curve));
        }
        return channels;
    }

    /** Tries every split of the budget into {@code steps} equal parts over the channels. */
    private static double exhaustiveBest(List<ChannelBudget> channels, double budget, int steps) {
        double unit = budget / steps;
        double[][] outcome = new double[channels.size()][steps + 1];
        for (int i = 0; i < channels.size(); i++) {
            for (int k = 0; k <= steps; k++) {
                outcome[i][k] = channels.get(i).curve().outcome(k * unit);
            }
        }
        return search(outcome, 0, steps);
    }

    private static double search(double[][] outcome, int channel, int remaining) {
        if (channel == outcome.length - 1) {
            return outcome[channel][remaining];
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= remaining; k++) {
            best = Math.max(best, outcome[channel][k] + search(outcome, channel + 1, remaining - k));
        }
        return best;
    }
}
