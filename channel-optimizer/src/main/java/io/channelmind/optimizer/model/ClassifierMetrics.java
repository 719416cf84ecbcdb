package io.channelmind.optimizer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Quality of predicted probabilities against observed outcomes. A score at or above the
 * threshold counts as a predicted conversion. A ratio whose denominator is 0 is null.
 */
@Schema(description = "Precision, recall, F1 and AUC at a threshold, with the Brier score and a calibration table")
public record ClassifierMetrics(
        @Schema(description = "Rows scored") long count,
        @Schema(description = "Rows that converted") long positives,
        @Schema(description = "Score at or above which a row counts as a predicted conversion") double threshold,
        @Schema(description = "True positives / predicted positives; null when nothing is predicted positive",
                nullable = true) Double precision,
        @Schema(description = "True positives / positives; null when no row converted", nullable = true)
        Double recall,
        @Schema(description = "Harmonic mean of precision and recall; null when either is null or both are 0",
                nullable = true) Double f1,
        @Schema(description = "Area under the ROC curve, ties counted as one half; null when all rows have the same"
                + " outcome", nullable = true) Double auc,
        @Schema(description = "Mean squared difference between score and outcome; null for no rows", nullable = true)
        Double brierScore,
        @Schema(description = "Ten equal-width bins of the score") List<CalibrationBin> calibration) {

    static final int CALIBRATION_BINS = 10;

    /** Computes the metrics of the scores against the labels (1 converted, 0 not). */
    public static ClassifierMetrics of(double[] scores, int[] labels, double threshold) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        long truePositives = 0;
        long predictedPositives = 0;
        long positives = 0;
        double squaredError = 0.0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            positives += labels[i];
            predictedPositives += predicted ? 1 : 0;
            truePositives += predicted && labels[i] == 1 ? 1 : 0;
            squaredError += (scores[i] - labels[i]) * (scores[i] - labels[i]);
        }
        Double precision = ratio(truePositives, predictedPositives);
        Double recall = ratio(truePositives, positives);
        Double f1 = precision == null || recall == null || precision + recall == 0.0
                ? null
                : 2 * precision * recall / (precision + recall);
        Double brier = scores.length == 0 ? null : squaredError / scores.length;
        return new ClassifierMetrics(scores.length, positives, threshold, precision, recall, f1, auc(scores, labels),
                brier, calibration(scores, labels));
    }

    /**
     * Returns the threshold among the scores that gives the highest F1 on these rows, so it can be
     * chosen on training data and applied to a holdout. Returns 0.5 when no row converted.
     */
    public static double bestF1Threshold(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long positives = Arrays.stream(labels).filter(label -> label == 1).count();
        if (positives == 0) {
            return 0.5;
        }
        double bestF1 = -1.0;
        double bestThreshold = 0.5;
        long truePositives = 0;
        for (int k = 0; k < order.length; k++) {
            truePositives += labels[order[k]];
            // Only a cut between different scores is a threshold that can be applied.
            if (k + 1 < order.length && scores[order[k + 1]] == scores[order[k]]) {
                continue;
            }
            double f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = scores[order[k]];
            }
        }
        return bestThreshold;
    }

    /** Returns the AUC by the Mann-Whitney statistic with average ranks for ties, or null without both outcomes. */
    static Double auc(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]));
        double positiveRankSum = 0.0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static List<CalibrationBin> calibration(double[] scores, int[] labels) {
        long[] counts = new long[CALIBRATION_BINS];
        double[] predicted = new double[CALIBRATION_BINS];
        long[] converted = new long[CALIBRATION_BINS];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, Math.max(0, (int) (scores[i] * CALIBRATION_BINS)));
            counts[bin]++;
            predicted[bin] += scores[i];
            converted[bin] += labels[i];
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            bins.add(new CalibrationBin((double) bin / CALIBRATION_BINS, (double) (bin + 1) / CALIBRATION_BINS,
                    counts[bin], counts[bin] == 0 ? null : predicted[bin] / counts[bin],
                    ratio(converted[bin], counts[bin])));
        }
        return bins;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
