package io.channelmind.optimizer.curves;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The control columns of a fit, one row per period: a linear trend, yearly seasonality (two
 * sine and cosine harmonics, plus a weekly one for daily data), the number of holidays in the
 * period, and the context variables as given.
 */
final class FeatureMatrix {

    private FeatureMatrix() {
    }

    static int baseColumnCount(Grain grain, int controls) {
        return 1 + 4 + (grain == Grain.DAILY ? 2 : 0) + 1 + controls;
    }

    /** Returns the number of fitted parameters: intercept, control columns and one coefficient per channel. */
    static int parameterCount(Grain grain, int channels, int controls) {
        return 1 + baseColumnCount(grain, controls) + channels;
    }

    static double[][] baseColumns(MarketingHistory history) {
        int n = history.size();
        List<double[]> columns = new ArrayList<>();
        double[] trend = new double[n];
        for (int t = 0; t < n; t++) {
            trend[t] = (double) t / n;
        }
        columns.add(trend);
        for (int harmonic = 1; harmonic <= 2; harmonic++) {
            columns.add(wave(n, history.grain().periodsPerYear / harmonic, true));
            columns.add(wave(n, history.grain().periodsPerYear / harmonic, false));
        }
        if (history.grain() == Grain.DAILY) {
            columns.add(wave(n, 7, true));
            columns.add(wave(n, 7, false));
        }
        double[] holidays = new double[n];
        for (int t = 0; t < n; t++) {
            LocalDate start = history.periods().get(t);
            for (int day = 0; day < history.grain().days; day++) {
                if (history.holidays().contains(start.plusDays(day))) {
                    holidays[t]++;
                }
            }
        }
        columns.add(holidays);
        columns.addAll(history.controls().values());
        return columns.toArray(double[][]::new);
    }

    private static double[] wave(int n, double period, boolean sine) {
        double[] values = new double[n];
        for (int t = 0; t < n; t++) {
            double angle = 2 * Math.PI * t / period;
            values[t] = sine ? Math.sin(angle) : Math.cos(angle);
        }
        return values;
    }
}
