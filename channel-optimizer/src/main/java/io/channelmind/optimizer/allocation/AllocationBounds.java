package io.channelmind.optimizer.allocation;

import java.util.ArrayList;
import java.util.List;

import io.channelmind.optimizer.allocation.InvalidAllocationException.FieldError;

/** Checks an allocation request and resolves each channel's absolute, relative and lock bounds into one range. */
final class AllocationBounds {

    final double[] lower;
    final double[] upper;

    private AllocationBounds(double[] lower, double[] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** Returns the bounds, or raises an {@link InvalidAllocationException} listing every invalid field. */
    static AllocationBounds resolve(AllocationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        double budget = request.totalBudget();
        if (!(budget > 0) || Double.isInfinite(budget)) {
            errors.add(new FieldError("totalBudget", budget, "send a positive, finite amount"));
        }
        List<ChannelBudget> channels = request.channels() == null ? List.of() : request.channels();
        if (channels.isEmpty()) {
            errors.add(new FieldError("channels", channels, "send at least one channel"));
        }
        checkTarget(request, errors);

        int n = channels.size();
        double[] lower = new double[n];
        double[] upper = new double[n];
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            ChannelBudget channel = channels.get(i);
            String path = "channels[" + i + "]";
            if (channel == null || channel.channel() == null || channel.channel().isBlank()) {
                errors.add(new FieldError(path + ".channel", channel == null ? null : channel.channel(),
                        "name the channel, such as email"));
                continue;
            }
            if (!names.add(channel.channel())) {
                errors.add(new FieldError(path + ".channel", channel.channel(), "list each channel once"));
            }
            checkChannel(channel, path, errors);
            resolveChannel(channel, budget, path, i, lower, upper, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidAllocationException(errors);
        }

        double lowerSum = java.util.Arrays.stream(lower).sum();
        double upperSum = java.util.Arrays.stream(upper).sum();
        if (lowerSum > budget * (1 + 1e-12)) {
            errors.add(new FieldError("totalBudget", budget, "the lower bounds and locked channels need "
                    + lowerSum + "; raise the budget or lower the bounds"));
        }
        if (request.goalOrDefault() == AllocationGoal.MAX_OUTCOME && upperSum < budget * (1 - 1e-12)) {
            errors.add(new FieldError("totalBudget", budget, "the upper bounds allow at most " + upperSum
                    + "; lower the budget, raise the bounds or unlock a channel"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidAllocationException(errors);
        }
        return new AllocationBounds(lower, upper);
    }

    private static void checkTarget(AllocationRequest request, List<FieldError> errors) {
        AllocationGoal goal = request.goalOrDefault();
        Double target = request.target();
        if (goal != AllocationGoal.MAX_OUTCOME && (target == null || !(target > 0) || target.isInfinite())) {
            errors.add(new FieldError("target", target, "send a positive target "
                    + (goal == AllocationGoal.TARGET_ROAS ? "ROAS, such as 3 for 3 of outcome per 1 spent"
                            : "CPA, such as 25 for 25 spent per conversion")));
        }
        if (goal == AllocationGoal.MAX_OUTCOME && target != null) {
            errors.add(new FieldError("target", target, "leave target out for MAX_OUTCOME, or set goal to"
                    + " TARGET_ROAS or TARGET_CPA"));
        }
    }

    private static void checkChannel(ChannelBudget channel, String path, List<FieldError> errors) {
        if (!(channel.currentSpend() >= 0) || Double.isInfinite(channel.currentSpend())) {
            errors.add(new FieldError(path + ".currentSpend", channel.currentSpend(), "send a finite amount of at least 0"));
        }
        HillCurve curve = channel.curve();
        if (curve != null) {
            if (!(curve.maxResponse() >= 0) || Double.isInfinite(curve.maxResponse())) {
                errors.add(new FieldError(path + ".curve.maxResponse", curve.maxResponse(), "send a finite number of at least 0"));
            }
            if (!(curve.halfSaturation() > 0) || Double.isInfinite(curve.halfSaturation())) {
                errors.add(new FieldError(path + ".curve.halfSaturation", curve.halfSaturation(), "send a positive spend"));
            }
            if (!(curve.shape() > 0) || curve.shape() > 10) {
                errors.add(new FieldError(path + ".curve.shape", curve.shape(), "send a Hill exponent above 0 and at most 10"));
            }
        }
        checkOptional(path + ".minSpend", channel.minSpend(), errors);
        checkOptional(path + ".maxSpend", channel.maxSpend(), errors);
        checkOptional(path + ".minRatio", channel.minRatio(), errors);
        checkOptional(path + ".maxRatio", channel.maxRatio(), errors);
        checkOptional(path + ".historyMinSpend", channel.historyMinSpend(), errors);
        checkOptional(path + ".historyMaxSpend", channel.historyMaxSpend(), errors);
    }

    private static void checkOptional(String field, Double value, List<FieldError> errors) {
        if (value != null && (!(value >= 0) || value.isInfinite())) {
            errors.add(new FieldError(field, value, "send a finite number of at least 0, or leave it out"));
        }
    }

    /**
     * Takes the tightest of the absolute and relative bounds. A locked channel stays at its current
     * spend, and a channel without a curve at its lower bound, because no curve shows that more spend helps.
     */
    private static void resolveChannel(ChannelBudget channel, double budget, String path, int i, double[] lower,
            double[] upper, List<FieldError> errors) {
        if (channel.locked()) {
            lower[i] = channel.currentSpend();
            upper[i] = channel.currentSpend();
            return;
        }
        double low = 0;
        double high = budget;
        if (channel.minSpend() != null) {
            low = Math.max(low, channel.minSpend());
        }
        if (channel.minRatio() != null) {
            low = Math.max(low, channel.minRatio() * channel.currentSpend());
        }
        if (channel.maxSpend() != null) {
            high = Math.min(high, channel.maxSpend());
        }
        if (channel.maxRatio() != null) {
            high = Math.min(high, channel.maxRatio() * channel.currentSpend());
        }
        if (low > high) {
            errors.add(new FieldError(path, channel.channel(), "the lower bound " + low + " is above the upper bound "
                    + high + " (after applying minRatio, maxRatio and the total budget); widen the bounds"));
        }
        lower[i] = low;
        upper[i] = channel.curve() == null ? low : high;
    }
}
