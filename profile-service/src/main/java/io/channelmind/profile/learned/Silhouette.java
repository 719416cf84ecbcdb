package io.channelmind.profile.learned;

import java.util.Arrays;
import java.util.Random;

/** The mean silhouette of a clustering (Rousseeuw, 1987), in [-1, 1]; higher means better separated clusters. */
final class Silhouette {

    private Silhouette() {
    }

    /**
     * Returns the mean silhouette over at most {@code sampleSize} rows drawn with {@code seed},
     * distances measured to every row. NaN with fewer than two clusters.
     */
    static double mean(double[][] points, int[] label, int clusters, int sampleSize, long seed) {
        if (clusters < 2) {
            return Double.NaN;
        }
        int[] sample = sample(points.length, sampleSize, seed);
        double total = 0;
        for (int i : sample) {
            double[] sums = new double[clusters];
            int[] counts = new int[clusters];
            for (int other = 0; other < points.length; other++) {
                if (other != i) {
                    sums[label[other]] += distance(points[i], points[other]);
                    counts[label[other]]++;
                }
            }
            if (counts[label[i]] == 0) {
                continue; // A singleton cluster has a silhouette of 0 by definition.
            }
            double own = sums[label[i]] / counts[label[i]];
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < clusters; c++) {
                if (c != label[i] && counts[c] > 0) {
                    nearest = Math.min(nearest, sums[c] / counts[c]);
                }
            }
            double spread = Math.max(own, nearest);
            total += spread == 0 ? 0 : (nearest - own) / spread;
        }
        return total / sample.length;
    }

    private static int[] sample(int rows, int sampleSize, long seed) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        if (rows <= sampleSize) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < sampleSize; i++) {
            int swap = i + random.nextInt(rows - i);
            int kept = all[i];
            all[i] = all[swap];
            all[swap] = kept;
        }
        return Arrays.copyOf(all, sampleSize);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(sum);
    }
}
