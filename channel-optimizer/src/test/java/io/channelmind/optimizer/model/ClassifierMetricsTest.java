package io.channelmind.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    @Test
    void metricsMatchHandComputation() {
        double[] scores = {0.9, 0.8, 0.4, 0.3, 0.1};
        int[] labels = {1, 0, 1, 0, 0};

        ClassifierMetrics metrics = ClassifierMetrics.of(scores, labels, 0.5);

        // Predicted positive: 0.9 (hit) and 0.8 (miss); positives: 0.9 and 0.4.
        assertEquals(0.5, metrics.precision(), 1e-12);
        assertEquals(0.5, metrics.recall(), 1e-12);
        assertEquals(0.5, metrics.f1(), 1e-12);
        // Positive-negative pairs ranked right: 0.9 beats all three, 0.4 beats 0.3 and 0.1: 5 of 6.
        assertEquals(5.0 / 6.0, metrics.auc(), 1e-12);
        assertEquals((0.01 + 0.64 + 0.36 + 0.09 + 0.01) / 5, metrics.brierScore(), 1e-12);
    }

    @Test
    void tiedScoresCountHalf() {
        double[] scores = {0.5, 0.5, 0.5, 0.5};
        int[] labels = {1, 0, 1, 0};

        assertEquals(0.5, ClassifierMetrics.auc(scores, labels), 1e-12);
    }

    @Test
    void zeroDenominatorsGiveNull() {
        double[] scores = {0.1, 0.2};
        int[] labels = {0, 0};

        ClassifierMetrics metrics = ClassifierMetrics.of(scores, labels, 0.5);

        assertNull(metrics.precision());
        assertNull(metrics.recall());
        assertNull(metrics.f1());
        assertNull(metrics.auc());
        assertNull(metrics.calibration().get(9).meanPredicted());
    }

    @Test
    void calibrationBinsCountScores() {
        double[] scores = {0.05, 0.07, 0.95, 1.0};
        int[] labels = {0, 1, 1, 1};

        ClassifierMetrics metrics = ClassifierMetrics.of(scores, labels, 0.5);

        assertEquals(2, metrics.calibration().get(0).count());
        assertEquals(0.06, metrics.calibration().get(0).meanPredicted(), 1e-12);
        assertEquals(0.5, metrics.calibration().get(0).observedRate(), 1e-12);
        assertEquals(2, metrics.calibration().get(9).count());
    }

    @Test
    void bestF1ThresholdPicksBestCut() {
        double[] scores = {0.9, 0.8, 0.7, 0.2};
        int[] labels = {1, 1, 0, 0};

        // Cutting at 0.8 predicts both positives and nothing else: F1 = 1.
        assertEquals(0.8, ClassifierMetrics.bestF1Threshold(scores, labels), 1e-12);
    }
}
