package io.channelmind.optimizer.curves;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Ridge regression on standardised columns. Only the media columns (flagged non-negative) are
 * penalised, so the controls keep their least-squares fit and the shrinkage does not move
 * effect from a control to the intercept. A media column whose coefficient comes out negative
 * is dropped and the fit repeated, so media never gets negative credit.
 */
final class Ridge {

    final double intercept;
    final double[] coefficients;

    private Ridge(double intercept, double[] coefficients) {
        this.intercept = intercept;
        this.coefficients = coefficients;
    }

    /**
     * Fits on the rows {@code from} (inclusive) to {@code to} (exclusive). {@code lambda} is the
     * penalty per row on the standardised coefficients.
     */
    static Ridge fit(double[][] columns, double[] y, int from, int to, double lambda, boolean[] nonNegative) {
        int p = columns.length;
        boolean[] active = new boolean[p];
        java.util.Arrays.fill(active, true);
        while (true) {
            Ridge fit = fitActive(columns, y, from, to, lambda, active, nonNegative);
            boolean changed = false;
            for (int j = 0; j < p; j++) {
                if (active[j] && nonNegative[j] && fit.coefficients[j] < 0) {
                    active[j] = false;
                    changed = true;
                }
            }
            if (!changed) {
                return fit;
            }
        }
    }

    private static Ridge fitActive(double[][] columns, double[] y, int from, int to, double lambda, boolean[] active,
            boolean[] nonNegative) {
        int p = columns.length;
        int rows = to - from;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += columns[j][t];
            }
            mean[j] = sum / rows;
            double squares = 0;
            for (int t = from; t < to; t++) {
                double d = columns[j][t] - mean[j];
                squares += d * d;
            }
            scale[j] = Math.sqrt(squares / rows);
        }
        double yMean = 0;
        for (int t = from; t < to; t++) {
            yMean += y[t];
        }
        yMean /= rows;

        // Constant and inactive columns get an identity row, so their coefficient solves to 0.
        double[][] gram = new double[p][p];
        double[] right = new double[p];
        for (int j = 0; j < p; j++) {
            boolean used = active[j] && scale[j] > 0;
            if (!used) {
                gram[j][j] = 1;
                continue;
            }
            for (int k = 0; k < p; k++) {
                if (!active[k] || scale[k] == 0) {
                    continue;
                }
                double sum = 0;
                for (int t = from; t < to; t++) {
                    sum += (columns[j][t] - mean[j]) * (columns[k][t] - mean[k]);
                }
                gram[j][k] = sum / (scale[j] * scale[k]);
            }
            if (nonNegative[j]) {
                gram[j][j] += lambda * rows;
            }
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += (columns[j][t] - mean[j]) * (y[t] - yMean);
            }
            right[j] = sum / scale[j];
        }
        RealVector standardised = new LUDecomposition(new Array2DRowRealMatrix(gram, false)).getSolver()
                .solve(new ArrayRealVector(right, false));

        double[] coefficients = new double[p];
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            if (active[j] && scale[j] > 0) {
                coefficients[j] = standardised.getEntry(j) / scale[j];
                intercept -= coefficients[j] * mean[j];
            }
        }
        return new Ridge(intercept, coefficients);
    }

    double predict(double[][] columns, int t) {
        double value = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            value += coefficients[j] * columns[j][t];
        }
        return value;
    }
}
