package io.channelmind.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.bias.AgeBand;
import io.channelmind.optimizer.bias.AttributeReport;
import io.channelmind.optimizer.bias.BiasObservation;
import io.channelmind.optimizer.bias.BiasReport;
import io.channelmind.optimizer.bias.GroupRates;

/**
 * Trains on the first 80% of UCI Bank Marketing (the file is in time order) and evaluates on the
 * last 20%, against the baseline that always recommends the channel with the best training rate.
 */
class BankMarketingEvaluationTest {

    private static List<ResponseExample> rows;
    private static TrainingResult result;

    @BeforeAll
    static void train() throws IOException {
        rows = BankMarketingRows.read();
        result = ResponseModelTrainer.train(rows, new TrainingSettings(1.0, 0.2, List.of("marital")));
        ModelEvaluation evaluation = result.evaluation();
        System.out.printf(Locale.ROOT, "bank-marketing holdout: %d training rows, %d holdout rows%n",
                evaluation.trainingRows(), evaluation.holdoutRows());
        print("model, contacted channel", evaluation.model());
        print("baseline, contacted channel", evaluation.baseline());
        print("model, recommended channel", evaluation.recommended());
        print("baseline, recommended channel", evaluation.baselineRecommended());
    }

    @Test
    void featuresExcludeDuration() {
        List<String> features = result.evaluation().features();

        assertFalse(features.contains("duration"), "features: " + features);
        assertTrue(features.contains("age"), "features: " + features);
        assertTrue(features.contains("poutcome"), "features: " + features);
    }

    @Test
    void holdoutIsLastFifth() {
        ModelEvaluation evaluation = result.evaluation();

        assertEquals(Math.round(rows.size() * 0.2), evaluation.holdoutRows());
        assertEquals(rows.size(), evaluation.trainingRows() + evaluation.holdoutRows());
        assertEquals(evaluation.holdoutRows(), evaluation.model().count());
    }

    @Test
    void baselineIsCellular() {
        ModelEvaluation evaluation = result.evaluation();

        assertEquals("cellular", evaluation.baselineChannel());
        assertTrue(evaluation.trainingRates().get("cellular") > evaluation.trainingRates().get("telephone"));
    }

    @Test
    void modelRanksBetterThanBaseline() {
        ModelEvaluation evaluation = result.evaluation();

        assertTrue(evaluation.model().auc() > evaluation.baseline().auc(),
                "model AUC " + evaluation.model().auc() + ", baseline AUC " + evaluation.baseline().auc());
        assertTrue(evaluation.recommended().auc() > 0.6, "recommended-channel AUC " + evaluation.recommended().auc());
        assertTrue(evaluation.model().f1() > evaluation.baseline().f1(),
                "model F1 " + evaluation.model().f1() + ", baseline F1 " + evaluation.baseline().f1());
    }

    @Test
    void biasRatesEqualDirectComputation() {
        List<BiasObservation> holdout = result.holdout();
        AttributeReport ageBands = result.bias().attributes().get(0);

        assertEquals(BiasReport.AGE_BAND, ageBands.attribute());
        double bestRecommendation = 0.0;
        double bestResponse = 0.0;
        for (GroupRates group : ageBands.groups()) {
            bestRecommendation = Math.max(bestRecommendation, directRecommendationRate(holdout, group.group()));
            bestResponse = Math.max(bestResponse, directResponseRate(holdout, group.group()));
        }
        for (GroupRates group : ageBands.groups()) {
            long count = holdout.stream().filter(o -> AgeBand.of(o.attributes().get("age")).equals(group.group()))
                    .count();
            double recommendation = directRecommendationRate(holdout, group.group());
            double response = directResponseRate(holdout, group.group());

            assertEquals(count, group.count(), group.group());
            assertEquals(recommendation, group.recommendationRate(), 1e-12, group.group());
            assertEquals(response, group.predictedResponseRate(), 1e-12, group.group());
            assertEquals(recommendation / bestRecommendation, group.recommendationDisparity(), 1e-12, group.group());
            assertEquals(response / bestResponse, group.predictedResponseDisparity(), 1e-12, group.group());
            assertEquals(recommendation / bestRecommendation < 0.8, group.recommendationFlagged(), group.group());
        }
        assertEquals(4, ageBands.groups().size());
    }

    @Test
    void biasReportsSensitiveAttribute() {
        AttributeReport marital = result.bias().attributes().get(1);

        assertEquals("marital", marital.attribute());
        assertEquals(result.holdout().size(), marital.groups().stream().mapToLong(GroupRates::count).sum());
    }

    private static double directRecommendationRate(List<BiasObservation> holdout, String band) {
        long members = 0;
        long recommended = 0;
        for (BiasObservation observation : holdout) {
            if (band.equals(AgeBand.of(observation.attributes().get("age")))) {
                members++;
                recommended += observation.recommended() ? 1 : 0;
            }
        }
        return (double) recommended / members;
    }

    private static double directResponseRate(List<BiasObservation> holdout, String band) {
        long members = 0;
        double sum = 0.0;
        for (BiasObservation observation : holdout) {
            if (band.equals(AgeBand.of(observation.attributes().get("age")))) {
                members++;
                sum += observation.predictedResponse();
            }
        }
        return sum / members;
    }

    private static void print(String label, ClassifierMetrics metrics) {
        System.out.printf(Locale.ROOT, "%-30s rows %6d positives %5d threshold %.3f precision %s recall %s F1 %s"
                        + " AUC %s Brier %s%n", label, metrics.count(), metrics.positives(), metrics.threshold(),
                format(metrics.precision()), format(metrics.recall()), format(metrics.f1()), format(metrics.auc()),
                format(metrics.brierScore()));
    }

    private static String format(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }
}
