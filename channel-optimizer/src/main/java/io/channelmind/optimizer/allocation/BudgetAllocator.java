package io.channelmind.optimizer.allocation;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * Splits a budget over channels with Hill response curves. The outcome is a sum of one-channel
 * curves, which may be S-shaped and so not concave, so a local optimiser alone can stop at a poor
 * point. The search therefore runs in two steps. First, dynamic programming over a grid of
 * {@value #GRID_STEPS} budget units finds the best split on the grid, globally, for every total
 * spend at once. Then money moves between each pair of channels within a few grid units until
 * no move gains, which removes the grid's rounding. Each move uses Newton's method on the
 * analytic derivatives of the Hill curves where the pair is concave, else Hipparchus' Brent
 * optimiser.
 */
public final class BudgetAllocator {

    static final int GRID_STEPS = 1_000;
    private static final int REFINE_ROUNDS = 4;
    private static final double RELATIVE_GAIN = 1e-12;
    private static final int NEWTON_ITERATIONS = 12;
    private static final double NEWTON_TOLERANCE = 1e-12;

    private BudgetAllocator() {
    }

    /** Plans the request, or raises an {@link InvalidAllocationException} naming every invalid field. */
    public static AllocationPlan allocate(AllocationRequest request) {
        AllocationBounds bounds = AllocationBounds.resolve(request);
        List<ChannelBudget> channels = request.channels();
        int n = channels.size();
        HillCurve[] curves = channels.stream().map(ChannelBudget::curve).toArray(HillCurve[]::new);

        double lowerSum = Arrays.stream(bounds.lower).sum();
        double free = Math.max(0, Math.min(request.totalBudget(), Arrays.stream(bounds.upper).sum()) - lowerSum);
        double unit = free / GRID_STEPS;
        Grid grid = Grid.solve(curves, bounds, unit);

        TargetChoice choice = chooseSpend(request, grid, lowerSum, unit);
        double[] spend = grid.spendAt(choice.steps(), bounds.lower, unit);
        double plannedSpend = request.goalOrDefault() == AllocationGoal.MAX_OUTCOME
                ? request.totalBudget()
                : lowerSum + choice.steps() * unit;
        fillLeftover(curves, bounds, spend, plannedSpend);
        refine(curves, bounds, spend, Math.max(unit * 3, 1e-9));

        return PlanExplainer.explain(request, bounds, spend, choice.warning());
    }

    private record TargetChoice(int steps, String warning) {
    }

    /**
     * Returns the grid step of total spend to plan: all of it for MAX_OUTCOME, else the largest
     * spend whose best outcome still meets the target. When no spend meets it, the spend with the
     * best ratio and a warning.
     */
    private static TargetChoice chooseSpend(AllocationRequest request, Grid grid, double lowerSum, double unit) {
        AllocationGoal goal = request.goalOrDefault();
        if (goal == AllocationGoal.MAX_OUTCOME) {
            return new TargetChoice(GRID_STEPS, null);
        }
        double target = request.target();
        int bestRatioStep = -1;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int b = GRID_STEPS; b >= 0; b--) {
            double spend = lowerSum + b * unit;
            double outcome = grid.best(b);
            if (spend <= 0) {
                continue;
            }
            double ratio = outcome / spend;
            boolean meets = goal == AllocationGoal.TARGET_ROAS ? ratio >= target : outcome > 0 && spend / outcome <= target;
            if (meets) {
                return new TargetChoice(b, null);
            }
            if (ratio > bestRatio) {
                bestRatio = ratio;
                bestRatioStep = b;
            }
        }
        int step = Math.max(bestRatioStep, 0);
        double spend = lowerSum + step * unit;
        String reached = goal == AllocationGoal.TARGET_ROAS
                ? "the best ROAS reachable is " + round(bestRatio)
                : bestRatio > 0 ? "the best CPA reachable is " + round(1 / bestRatio) : "no spend gives a conversion";
        return new TargetChoice(step, "No spend within the bounds meets the target " + goal + " " + target + ": "
                + reached + ", at a spend of " + round(spend) + ", which this plan uses");
    }

    /** Puts the budget the grid could not place (rounding) where the marginal return is highest. */
    private static void fillLeftover(HillCurve[] curves, AllocationBounds bounds, double[] spend, double plannedSpend) {
        double leftover = plannedSpend - Arrays.stream(spend).sum();
        while (leftover > 1e-9 * Math.max(1, plannedSpend)) {
            int best = -1;
            double bestMarginal = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < spend.length; i++) {
                double headroom = bounds.upper[i] - spend[i];
                if (headroom > 0 && curves[i] != null && curves[i].marginal(spend[i]) > bestMarginal) {
                    bestMarginal = curves[i].marginal(spend[i]);
                    best = i;
                }
            }
            if (best < 0) {
                for (int i = 0; i < spend.length && best < 0; i++) {
                    best = bounds.upper[i] - spend[i] > 0 ? i : -1;
                }
            }
            if (best < 0) {
                return;
            }
            double added = Math.min(leftover, bounds.upper[best] - spend[best]);
            spend[best] += added;
            leftover -= added;
        }
    }

    /**
     * Moves money between each pair of channels with the Brent optimiser, within {@code reach} of
     * the current split and the bounds, keeping the total fixed, until a round gains nothing.
     */
    private static void refine(HillCurve[] curves, AllocationBounds bounds, double[] spend, double reach) {
        BrentOptimizer optimizer = new BrentOptimizer(1e-10, 1e-9);
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            boolean moved = false;
            for (int i = 0; i < spend.length; i++) {
                for (int j = i + 1; j < spend.length; j++) {
                    if (curves[i] == null || curves[j] == null) {
                        continue;
                    }
                    moved |= movePair(optimizer, curves, bounds, spend, i, j, reach);
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static boolean movePair(BrentOptimizer optimizer, HillCurve[] curves, AllocationBounds bounds,
            double[] spend, int i, int j, double reach) {
        double low = Math.max(Math.max(bounds.lower[i] - spend[i], spend[j] - bounds.upper[j]), -reach);
        double high = Math.min(Math.min(bounds.upper[i] - spend[i], spend[j] - bounds.lower[j]), reach);
        if (!(high > low)) {
            return false;
        }
        double xi = spend[i];
        double xj = spend[j];
        double before = curves[i].outcome(xi) + curves[j].outcome(xj);
        double shiftFound = newtonShift(curves[i], curves[j], xi, xj, low, high);
        if (Double.isNaN(shiftFound)) {
            UnivariatePointValuePair best = optimizer.optimize(new MaxEval(200), GoalType.MAXIMIZE,
                    new UnivariateObjectiveFunction(t -> curves[i].outcome(xi + t) + curves[j].outcome(xj - t)),
                    new SearchInterval(low, high, 0));
            shiftFound = best.getPoint();
        }
        double[] candidates = {shiftFound, low, high};
        double bestShift = 0;
        double bestValue = before;
        for (double shift : candidates) {
            double value = curves[i].outcome(xi + shift) + curves[j].outcome(xj - shift);
            if (value > bestValue + RELATIVE_GAIN * Math.abs(before)) {
                bestValue = value;
                bestShift = shift;
            }
        }
        if (bestShift == 0) {
            return false;
        }
        spend[i] = Math.min(bounds.upper[i], Math.max(bounds.lower[i], xi + bestShift));
        spend[j] = xj - (spend[i] - xi);
        return true;
    }

    /**
     * Returns the shift t in [low, high] that maximises {@code a(xa + t) + b(xb - t)} by Newton's
     * method on its analytic first and second derivatives, or NaN when the pair is not concave
     * along the way (an S curve below its inflection point) or Newton does not settle, so the
     * caller falls back to the Brent optimiser. Where it applies it needs a handful of curve
     * evaluations instead of Brent's few dozen.
     */
    private static double newtonShift(HillCurve a, HillCurve b, double xa, double xb, double low, double high) {
        double shift = 0;
        for (int iteration = 0; iteration < NEWTON_ITERATIONS; iteration++) {
            double slope = a.marginal(xa + shift) - b.marginal(xb - shift);
            double curvature = a.curvature(xa + shift) + b.curvature(xb - shift);
            if (!(curvature < 0) || !Double.isFinite(slope)) {
                return Double.NaN;
            }
            double next = Math.max(low, Math.min(high, shift - slope / curvature));
            if (Math.abs(next - shift) <= NEWTON_TOLERANCE * Math.max(1, Math.abs(xa) + Math.abs(xb))) {
                return next;
            }
            shift = next;
        }
        return Double.NaN;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * The grid search: {@code best[i][b]} is the largest outcome of the first i channels with b
     * grid units above their lower bounds, and {@code unitsTaken[i][b]} the units channel i - 1 takes in it.
     */
    private static final class Grid {

        private final double[][] best;
        private final int[][] unitsTaken;

        private Grid(double[][] best, int[][] unitsTaken) {
            this.best = best;
            this.unitsTaken = unitsTaken;
        }

        static Grid solve(HillCurve[] curves, AllocationBounds bounds, double unit) {
            int n = curves.length;
            double[][] best = new double[n + 1][GRID_STEPS + 1];
            int[][] unitsTaken = new int[n + 1][GRID_STEPS + 1];
            for (int i = 1; i <= n; i++) {
                int channel = i - 1;
                int cap = capacity(bounds, channel, unit);
                double[] outcome = new double[cap + 1];
                for (int k = 0; k <= cap; k++) {
                    outcome[k] = curves[channel] == null ? 0 : curves[channel].outcome(bounds.lower[channel] + k * unit);
                }
                double[] previous = best[i - 1];
                double[] current = best[i];
                int[] choice = unitsTaken[i];
                for (int b = 0; b <= GRID_STEPS; b++) {
                    double top = Double.NEGATIVE_INFINITY;
                    int topK = 0;
                    int maxK = Math.min(cap, b);
                    for (int k = 0; k <= maxK; k++) {
                        double value = previous[b - k] + outcome[k];
                        if (value > top) {
                            top = value;
                            topK = k;
                        }
                    }
                    current[b] = top;
                    choice[b] = topK;
                }
            }
            return new Grid(best, unitsTaken);
        }

        private static int capacity(AllocationBounds bounds, int channel, double unit) {
            if (unit <= 0) {
                return 0;
            }
            double units = Math.floor((bounds.upper[channel] - bounds.lower[channel]) / unit + 1e-9);
            return (int) Math.min(GRID_STEPS, units);
        }

        double best(int steps) {
            return best[best.length - 1][steps];
        }

        double[] spendAt(int steps, double[] lower, double unit) {
            int n = best.length - 1;
            double[] spend = new double[n];
            int remaining = steps;
            for (int i = n; i >= 1; i--) {
                int k = unitsTaken[i][remaining];
                spend[i - 1] = lower[i - 1] + k * unit;
                remaining -= k;
            }
            return spend;
        }
    }
}
