package io.channelmind.optimizer.allocation;

import static io.channelmind.optimizer.allocation.BudgetAllocator.round;

import java.util.ArrayList;
import java.util.List;

/** Builds the plan document: outcomes, marginal ROI per channel, the reason for each move and the warnings. */
final class PlanExplainer {

    // A spend within this fraction of the range's width counts as at a bound.
    private static final double AT_BOUND = 1e-6;

    private PlanExplainer() {
    }

    static AllocationPlan explain(AllocationRequest request, AllocationBounds bounds, double[] spend,
            String targetWarning) {
        List<ChannelBudget> channels = request.channels();
        List<String> warnings = new ArrayList<>();
        if (targetWarning != null) {
            warnings.add(targetWarning);
        }
        Double planMarginal = interiorMarginal(channels, bounds, spend);

        List<ChannelAllocation> rows = new ArrayList<>();
        double currentOutcome = 0;
        double expectedOutcome = 0;
        double plannedSpend = 0;
        for (int i = 0; i < channels.size(); i++) {
            ChannelBudget channel = channels.get(i);
            HillCurve curve = channel.curve();
            double current = curve == null ? 0 : curve.outcome(channel.currentSpend());
            double expected = curve == null ? 0 : curve.outcome(spend[i]);
            currentOutcome += current;
            expectedOutcome += expected;
            plannedSpend += spend[i];
            rows.add(new ChannelAllocation(channel.channel(), channel.currentSpend(), spend[i],
                    spend[i] - channel.currentSpend(), bounds.lower[i], bounds.upper[i], channel.locked(), current,
                    expected, marginal(curve, spend[i]), reason(channel, bounds, i, spend[i], planMarginal)));
            warnAboutHistory(channel, spend[i], warnings);
        }
        Double roas = plannedSpend > 0 ? expectedOutcome / plannedSpend : null;
        return new AllocationPlan(request.goalOrDefault(), request.target(), request.totalBudget(), plannedSpend,
                currentOutcome, expectedOutcome, roas, planMarginal, rows, warnings);
    }

    /** Returns the mean marginal ROI of the channels strictly between their bounds, where the optimum equalises it. */
    private static Double interiorMarginal(List<ChannelBudget> channels, AllocationBounds bounds, double[] spend) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < channels.size(); i++) {
            Double marginal = marginal(channels.get(i).curve(), spend[i]);
            if (marginal != null && !atLower(bounds, i, spend[i]) && !atUpper(bounds, i, spend[i])) {
                sum += marginal;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static Double marginal(HillCurve curve, double spend) {
        if (curve == null) {
            return null;
        }
        double marginal = curve.marginal(spend);
        return Double.isFinite(marginal) ? marginal : null;
    }

    private static String reason(ChannelBudget channel, AllocationBounds bounds, int i, double spend,
            Double planMarginal) {
        if (channel.locked()) {
            return "Locked at its current spend.";
        }
        if (channel.curve() == null) {
            return "No spend history to fit a response curve, so the plan keeps the lower bound " + round(spend) + ".";
        }
        String move = describeMove(channel.currentSpend(), spend);
        Double atCurrent = marginal(channel.curve(), channel.currentSpend());
        Double atPlan = marginal(channel.curve(), spend);
        String current = atCurrent == null ? "" : " Marginal ROI at the current spend is " + round(atCurrent) + ".";
        String plan = atPlan == null ? "undefined" : String.valueOf(round(atPlan));
        if (atUpper(bounds, i, spend) && bounds.upper[i] > bounds.lower[i]) {
            return move + " to its upper bound, because each extra unit still returns " + plan
                    + (planMarginal == null ? "" : ", more than the plan's marginal ROI of " + round(planMarginal))
                    + "." + current;
        }
        if (atLower(bounds, i, spend)) {
            return move + " to its lower bound, because each unit there returns only " + plan
                    + (planMarginal == null ? "" : ", less than the plan's marginal ROI of " + round(planMarginal))
                    + "." + current;
        }
        return move + ", where one more unit returns " + plan + " like the other channels between their bounds,"
                + " so moving money between them gains nothing." + current;
    }

    private static String describeMove(double current, double proposed) {
        double change = proposed - current;
        if (Math.abs(change) <= 1e-9 * Math.max(1, current)) {
            return "Kept at " + round(proposed);
        }
        return (change > 0 ? "Raised" : "Cut") + " from " + round(current) + " to " + round(proposed);
    }

    private static void warnAboutHistory(ChannelBudget channel, double spend, List<String> warnings) {
        if (channel.curve() == null) {
            warnings.add(channel.channel() + ": no spend history, so it stays at its lower bound " + round(spend)
                    + " and its expected outcome is unknown (counted as 0).");
            return;
        }
        if (channel.historyMaxSpend() != null && spend > channel.historyMaxSpend() * (1 + 1e-9)) {
            warnings.add(channel.channel() + ": planned spend " + round(spend) + " is above the highest seen in history ("
                    + round(channel.historyMaxSpend()) + "), so its response curve is extrapolated.");
        }
        if (channel.historyMinSpend() != null && spend < channel.historyMinSpend() * (1 - 1e-9)) {
            warnings.add(channel.channel() + ": planned spend " + round(spend) + " is below the lowest seen in history ("
                    + round(channel.historyMinSpend()) + "), so its response curve is extrapolated.");
        }
    }

    private static boolean atLower(AllocationBounds bounds, int i, double spend) {
        return spend <= bounds.lower[i] + AT_BOUND * Math.max(1, bounds.upper[i] - bounds.lower[i]);
    }

    private static boolean atUpper(AllocationBounds bounds, int i, double spend) {
        return spend >= bounds.upper[i] - AT_BOUND * Math.max(1, bounds.upper[i] - bounds.lower[i]);
    }
}
