package io.channelmind.optimizer.model;

import java.util.List;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * L2-penalised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares). Column 0 is the intercept and is not penalised. The objective is the
 * log-likelihood minus {@code l2 / 2} times the sum of squared coefficients, which is strictly
 * concave for {@code l2 > 0}, so each Newton step solves a positive definite system by Cholesky
 * decomposition (Hipparchus) and the fit converges to the one maximum from any start.
 */
final class LogisticRegression {

    static final int MAX_ITERATIONS = 50;
    static final double TOLERANCE = 1e-8;

    private LogisticRegression() {
    }

    /**
     * Fits the coefficients. {@code columns} is the width of the design matrix, rows are sparse
     * and labels are 0 or 1.
     *
     * @throws IllegalArgumentException when l2 is not positive or rows and labels differ in length
     */
    static double[] fit(List<SparseRow> rows, int[] labels, int columns, double l2) {
        if (!(l2 > 0.0)) {
            throw new IllegalArgumentException("l2 must be positive, got " + l2);
        }
        if (rows.size() != labels.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + labels.length + " labels");
        }
        double[] beta = new double[columns];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] hessian = new double[columns][columns];
            double[] gradient = new double[columns];
            accumulate(rows, labels, beta, hessian, gradient);
            for (int j = 1; j < columns; j++) {
                hessian[j][j] += l2;
                gradient[j] -= l2 * beta[j];
            }
            // Only the upper triangle was accumulated; mirror it for the decomposition.
            for (int i = 0; i < columns; i++) {
                for (int j = 0; j < i; j++) {
                    hessian[i][j] = hessian[j][i];
                }
            }
            // A column that is zero in every row (a level seen only in other data) leaves only the
            // penalty on its diagonal; the intercept needs a floor when all labels are equal.
            hessian[0][0] = Math.max(hessian[0][0], 1e-9);

            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-14, 1e-14)
                    .getSolver()
                    .solve(new ArrayRealVector(gradient, false));
            double maxChange = 0.0;
            for (int j = 0; j < columns; j++) {
                beta[j] += step.getEntry(j);
                maxChange = Math.max(maxChange, Math.abs(step.getEntry(j)));
            }
            if (maxChange < TOLERANCE) {
                break;
            }
        }
        return beta;
    }

    /** Returns the logistic function 1 / (1 + e^-z), computed without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    private static void accumulate(List<SparseRow> rows, int[] labels, double[] beta, double[][] hessian,
            double[] gradient) {
        for (int r = 0; r < rows.size(); r++) {
            SparseRow row = rows.get(r);
            double p = sigmoid(row.dot(beta));
            double weight = Math.max(p * (1.0 - p), 1e-12);
            double residual = labels[r] - p;
            int[] indices = row.indices();
            double[] values = row.values();
            for (int a = 0; a < indices.length; a++) {
                gradient[indices[a]] += residual * values[a];
                double weighted = weight * values[a];
                for (int b = 0; b < indices.length; b++) {
                    if (indices[b] >= indices[a]) {
                        hessian[indices[a]][indices[b]] += weighted * values[b];
                    }
                }
            }
        }
    }
}
