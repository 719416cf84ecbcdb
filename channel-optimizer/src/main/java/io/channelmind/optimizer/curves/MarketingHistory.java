package io.channelmind.optimizer.curves;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spend per channel, the outcome and context variables per period, in time order, with the
 * holidays that fall in the history. Construct it with {@link #of}, which checks every rule a fit
 * depends on.
 */
public record MarketingHistory(Grain grain, List<LocalDate> periods, double[] outcome,
        Map<String, double[]> spend, Map<String, double[]> controls, Set<LocalDate> holidays) {

    /**
     * Parses the period starts ({@code yyyy-MM-dd}) and checks the history: every series has
     * one value per period, periods follow each other at the grain's step (so weekly periods
     * all start on the same weekday), no channel has only zero spend, and there are enough
     * periods for the parameters.
     */
    public static MarketingHistory of(Grain grain, List<String> periodStarts, double[] outcome,
            Map<String, double[]> spend, Map<String, double[]> controls, Set<LocalDate> holidays) {
        List<LocalDate> periods = new ArrayList<>();
        for (int i = 0; i < periodStarts.size(); i++) {
            String text = periodStarts.get(i);
            try {
                periods.add(LocalDate.parse(text == null ? "" : text.trim()));
            } catch (DateTimeParseException e) {
                throw new InvalidHistoryException("date-format", "periods[" + i + "]", text,
                        "write the period start as yyyy-MM-dd, such as 2019-11-11");
            }
        }
        checkSteps(grain, periods);
        checkLength("outcome", outcome, periods.size());
        spend.forEach((channel, series) -> {
            checkLength("spend." + channel, series, periods.size());
            double total = 0;
            for (double value : series) {
                if (!(value >= 0) || Double.isInfinite(value)) {
                    throw new InvalidHistoryException("invalid-value", "spend." + channel, value,
                            "spend must be a finite number of at least 0");
                }
                total += value;
            }
            if (total == 0) {
                throw new InvalidHistoryException("zero-spend", "spend." + channel, 0,
                        "the channel has no spend in any period, so no curve can be fitted; leave it out");
            }
        });
        controls.forEach((name, series) -> checkLength("controls." + name, series, periods.size()));
        if (spend.isEmpty()) {
            throw new InvalidHistoryException("zero-spend", "spend", "{}", "send the spend of at least one channel");
        }

        int parameters = FeatureMatrix.parameterCount(grain, spend.size(), controls.size());
        int needed = minimumPeriods(parameters);
        if (periods.size() < needed) {
            throw new InvalidHistoryException("too-little-history", "periods", periods.size(),
                    "a fit of " + spend.size() + " channel(s) and " + controls.size() + " control(s) has " + parameters
                            + " parameters and needs at least " + needed + " periods; send more history or fewer"
                            + " channels and controls");
        }
        return new MarketingHistory(grain, List.copyOf(periods), outcome.clone(), new LinkedHashMap<>(spend),
                new LinkedHashMap<>(controls), Set.copyOf(holidays));
    }

    /**
     * Returns the periods needed for a number of parameters: twice as many training periods,
     * which are 70% of the history, rounded up. This is a floor for a stable fit, not a
     * guarantee of a good one.
     */
    static int minimumPeriods(int parameters) {
        return (int) Math.ceil(2.0 * parameters / 0.7);
    }

    private static void checkSteps(Grain grain, List<LocalDate> periods) {
        for (int i = 1; i < periods.size(); i++) {
            long step = ChronoUnit.DAYS.between(periods.get(i - 1), periods.get(i));
            if (step != grain.days) {
                throw new InvalidHistoryException("period-start", "periods[" + i + "]", periods.get(i).toString(),
                        "with grain " + grain + " each period must start " + grain.days + " day(s) after the previous one ("
                                + periods.get(i - 1) + "), in time order without gaps"
                                + (grain == Grain.WEEKLY ? ", on the same weekday" : ""));
            }
        }
    }

    private static void checkLength(String field, double[] series, int periods) {
        if (series == null || series.length != periods) {
            throw new InvalidHistoryException("length-mismatch", field, series == null ? null : series.length,
                    "send one value per period (" + periods + ")");
        }
    }

    public int size() {
        return periods.size();
    }
}
