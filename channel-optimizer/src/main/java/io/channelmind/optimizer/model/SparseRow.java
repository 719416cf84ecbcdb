package io.channelmind.optimizer.model;

/** One row of a design matrix, as the indices and values of its non-zero columns. */
record SparseRow(int[] indices, double[] values) {

    /** Returns the dot product with a dense coefficient vector. */
    double dot(double[] coefficients) {
        double sum = 0.0;
        for (int k = 0; k < indices.length; k++) {
            sum += values[k] * coefficients[indices[k]];
        }
        return sum;
    }
}
