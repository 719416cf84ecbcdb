package io.channelmind.profile.learned;

/**
 * Feature rows with missing values replaced by their column mean ({@code filled}), the column
 * means and standard deviations, and the z-scores ({@code z}). A constant column has a deviation
 * of 0 and z-scores of 0, so it does not move any distance.
 */
record Standardised(double[][] filled, double[] mean, double[] deviation, double[][] z) {

    static Standardised of(double[][] raw) {
        int rows = raw.length;
        int columns = raw[0].length;
        double[] mean = new double[columns];
        double[] deviation = new double[columns];
        double[][] filled = new double[rows][columns];
        for (int j = 0; j < columns; j++) {
            double sum = 0;
            int present = 0;
            for (double[] row : raw) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    present++;
                }
            }
            // NOTE: mean imputation pulls profiles without a value (no purchase yet) towards the
            // middle of that feature; a missing-value indicator column would keep them apart.
            mean[j] = present == 0 ? 0 : sum / present;
            double squares = 0;
            for (int i = 0; i < rows; i++) {
                filled[i][j] = Double.isNaN(raw[i][j]) ? mean[j] : raw[i][j];
                squares += (filled[i][j] - mean[j]) * (filled[i][j] - mean[j]);
            }
            deviation[j] = Math.sqrt(squares / rows);
        }
        double[][] z = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                z[i][j] = deviation[j] == 0 ? 0 : (filled[i][j] - mean[j]) / deviation[j];
            }
        }
        return new Standardised(filled, mean, deviation, z);
    }
}
