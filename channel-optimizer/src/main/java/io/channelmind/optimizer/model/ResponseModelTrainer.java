package io.channelmind.optimizer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.channelmind.optimizer.bias.BiasObservation;
import io.channelmind.optimizer.bias.BiasReport;

/**
 * Trains a response model on examples in time or sequence order and evaluates it on the last
 * rows, so the evaluation never sees the future.
 *
 * <p>The model is fitted on the first {@code 1 - holdoutShare} of the rows. The decision
 * threshold is the one with the best F1 on those training rows, and the baseline's threshold
 * is chosen the same way. On the holdout, the model recommends for each row the channel with
 * the highest predicted conversion, and the baseline always the channel with the best training
 * rate. Only the contacted channel's outcome is observed, so "recommended" metrics use the rows
 * whose contacted channel equals the recommendation. The served model is then refitted on all rows.
 */
public final class ResponseModelTrainer {

    /** Fewest training rows accepted; fewer gives no meaningful fit or evaluation. */
    public static final int MIN_TRAINING_ROWS = 20;

    private ResponseModelTrainer() {
    }

    /**
     * Trains and evaluates.
     *
     * @throws IllegalArgumentException when there are too few rows, one of the two parts has no
     *         conversion or no non-conversion, or a setting is out of range
     */
    public static TrainingResult train(List<ResponseExample> ordered, TrainingSettings settings) {
        if (!(settings.holdoutShare() > 0.0 && settings.holdoutShare() < 1.0)) {
            throw new IllegalArgumentException("holdoutShare must be between 0 and 1 (exclusive), got "
                    + settings.holdoutShare());
        }
        int holdoutRows = (int) Math.round(ordered.size() * settings.holdoutShare());
        int trainingRows = ordered.size() - holdoutRows;
        if (trainingRows < MIN_TRAINING_ROWS || holdoutRows < 1) {
            throw new IllegalArgumentException("Training needs at least " + MIN_TRAINING_ROWS
                    + " training rows and one holdout row, but " + ordered.size() + " contacted profiles and channels"
                    + " give " + trainingRows + " and " + holdoutRows);
        }
        List<ResponseExample> training = ordered.subList(0, trainingRows);
        List<ResponseExample> holdout = ordered.subList(trainingRows, ordered.size());
        requireBothOutcomes("training", training);

        ResponseModel model = ResponseModel.fit(training, settings.l2());
        Map<String, Double> rates = rates(training);
        String baselineChannel = rates.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        Comparator.reverseOrder())))
                .orElseThrow().getKey();

        double modelThreshold = ClassifierMetrics.bestF1Threshold(
                scores(training, e -> model.probability(e.features(), e.channel())), labels(training));
        double baselineThreshold = ClassifierMetrics.bestF1Threshold(
                scores(training, e -> rates.get(e.channel())), labels(training));

        List<ResponseExample> scorable = holdout.stream().filter(e -> model.knowsChannel(e.channel())).toList();
        List<String> recommendations = scorable.stream().map(e -> recommend(model, e.features())).toList();
        List<ResponseExample> onRecommended = new ArrayList<>();
        for (int i = 0; i < scorable.size(); i++) {
            if (scorable.get(i).channel().equals(recommendations.get(i))) {
                onRecommended.add(scorable.get(i));
            }
        }
        List<ResponseExample> onBaseline = scorable.stream().filter(e -> e.channel().equals(baselineChannel)).toList();

        ModelEvaluation evaluation = new ModelEvaluation(trainingRows, holdoutRows,
                model.encoder().featureNames(), rates, baselineChannel,
                metrics(scorable, e -> model.probability(e.features(), e.channel()), modelThreshold),
                metrics(scorable, e -> rates.get(e.channel()), baselineThreshold),
                metrics(onRecommended, e -> model.probability(e.features(), e.channel()), modelThreshold),
                metrics(onBaseline, e -> rates.get(e.channel()), baselineThreshold));

        List<BiasObservation> observations = new ArrayList<>();
        for (int i = 0; i < scorable.size(); i++) {
            ResponseExample example = scorable.get(i);
            String channel = recommendations.get(i);
            double predicted = model.probability(example.features(), channel);
            observations.add(new BiasObservation(attributes(example), channel, predicted,
                    predicted >= modelThreshold, example.converted()));
        }
        BiasReport bias = BiasReport.of(observations, settings.sensitiveAttributes());

        requireBothOutcomes("all", ordered);
        ResponseModel served = ResponseModel.fit(ordered, settings.l2());
        return new TrainingResult(served, evaluation, bias, observations);
    }

    /** Returns the channel with the highest predicted conversion for the features; ties go to the first name. */
    public static String recommend(ResponseModel model, Map<String, String> features) {
        String best = null;
        double bestProbability = -1.0;
        for (String channel : model.encoder().channels()) {
            double probability = model.probability(features, channel);
            if (probability > bestProbability) {
                best = channel;
                bestProbability = probability;
            }
        }
        return best;
    }

    private static Map<String, String> attributes(ResponseExample example) {
        Map<String, String> attributes = new HashMap<>(example.attributes());
        attributes.putAll(example.features());
        return attributes;
    }

    private static Map<String, Double> rates(List<ResponseExample> examples) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ResponseExample example : examples) {
            long[] count = counts.computeIfAbsent(example.channel(), channel -> new long[2]);
            count[0]++;
            count[1] += example.converted() ? 1 : 0;
        }
        Map<String, Double> rates = new TreeMap<>();
        counts.forEach((channel, count) -> rates.put(channel, (double) count[1] / count[0]));
        return rates;
    }

    private static ClassifierMetrics metrics(List<ResponseExample> rows, Scorer scorer, double threshold) {
        return ClassifierMetrics.of(scores(rows, scorer), labels(rows), threshold);
    }

    private static double[] scores(List<ResponseExample> rows, Scorer scorer) {
        double[] scores = new double[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.score(rows.get(i));
        }
        return scores;
    }

    private static int[] labels(List<ResponseExample> rows) {
        return rows.stream().mapToInt(e -> e.converted() ? 1 : 0).toArray();
    }

    private static void requireBothOutcomes(String part, List<ResponseExample> rows) {
        Predicate<ResponseExample> converted = ResponseExample::converted;
        if (rows.stream().noneMatch(converted) || rows.stream().allMatch(converted)) {
            throw new IllegalArgumentException("The " + part + " rows need both conversions and non-conversions, but "
                    + rows.stream().filter(converted).count() + " of " + rows.size() + " converted");
        }
    }

    @FunctionalInterface
    private interface Scorer {
        double score(ResponseExample example);
    }
}
