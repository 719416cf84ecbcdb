package io.channelmind.optimizer.curves;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fits a marketing-mix model in the spirit of Robyn: each channel's spend goes through adstock
 * and Hill saturation, and a ridge regression on those columns and the controls (trend,
 * seasonality, holidays, context variables) explains the outcome. Media coefficients are kept
 * at 0 or above. The adstock, saturation and penalty parameters are searched: random candidates,
 * then a local search around the best, each scored by NRMSE on validation blocks that follow
 * their training periods in time. The chosen model is refitted on training and validation and
 * scored on the last 15% of the history, which the search never saw.
 */
public final class ResponseCurveFitter {

    static final double FIT_SHARE = 0.85;
    static final int FOLDS = 12;
    static final double FOLD_SHARE = 0.035;

    private ResponseCurveFitter() {
    }

    public static CurveFit fit(MarketingHistory history, FitSettings settings) {
        int n = history.size();
        int fitEnd = (int) Math.round(n * FIT_SHARE);
        List<String> channels = new ArrayList<>(history.spend().keySet());
        double[][] spend = channels.stream().map(history.spend()::get).toArray(double[][]::new);
        double[][] base = FeatureMatrix.baseColumns(history);
        double[] y = history.outcome();
        Random random = new Random(settings.seed());

        Candidate best = null;
        for (int trial = 0; trial < settings.trials(); trial++) {
            Candidate candidate = Candidate.random(random, settings.adstock(), channels.size());
            candidate.score = score(candidate, spend, base, y, fitEnd);
            if (best == null || candidate.score < best.score) {
                best = candidate;
            }
        }
        for (int step = 0; step < settings.trials(); step++) {
            double width = 0.3 * (1 - (double) step / settings.trials()) + 0.02;
            Candidate candidate = best.perturb(random, width);
            candidate.score = score(candidate, spend, base, y, fitEnd);
            if (candidate.score < best.score) {
                best = candidate;
            }
        }

        Model model = Model.build(best, spend, base);
        Ridge ridge = Ridge.fit(model.columns, y, 0, fitEnd, best.lambda, model.nonNegative);
        Ridge linear = Ridge.fit(concat(base, spend), y, 0, fitEnd, 0, new boolean[base.length + spend.length]);
        return FitReport.build(history, channels, spend, model, ridge, best, y, fitEnd,
                nrmse(linear, concat(base, spend), y, fitEnd, n), settings, random);
    }

    /**
     * Scores a candidate by rolling-origin validation: it is fitted on the periods before each of
     * up to {@value #FOLDS} consecutive blocks of {@value #FOLD_SHARE} of the history that end
     * where the holdout starts, and scored by the mean NRMSE on those blocks. Many short blocks
     * spread the score over about 40% of the history, so the search cannot tune the parameters to
     * one stretch of time. With three blocks of 10% the chosen model lost to plain linear
     * regression on Robyn's demo holdout. Fewer blocks are used when the first training window
     * would have fewer than two periods per column.
     */
    private static double score(Candidate candidate, double[][] spend, double[][] base, double[] y,
            int validationEnd) {
        Model model = Model.build(candidate, spend, base);
        int block = Math.max(2, (int) Math.round(validationEnd * FOLD_SHARE / FIT_SHARE));
        int folds = foldCount(validationEnd, block, model.columns.length);
        double sum = 0;
        for (int fold = 0; fold < folds; fold++) {
            int end = validationEnd - (folds - 1 - fold) * block;
            int start = end - block;
            Ridge ridge = Ridge.fit(model.columns, y, 0, start, candidate.lambda, model.nonNegative);
            sum += nrmse(ridge, model.columns, y, start, end);
        }
        return sum / folds;
    }

    /** Returns the number of validation blocks that leave two periods per column to train the first. */
    static int foldCount(int validationEnd, int block, int columns) {
        int minimumTraining = 2 * (columns + 1);
        return Math.max(1, Math.min(FOLDS, (validationEnd - minimumTraining) / block));
    }

    /** Returns RMSE over rows from..to divided by the range of y there (1 when the range is 0). */
    static double nrmse(Ridge ridge, double[][] columns, double[] y, int from, int to) {
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
            double error = y[t] - ridge.predict(columns, t);
            squares += error * error;
            min = Math.min(min, y[t]);
            max = Math.max(max, y[t]);
        }
        double range = max > min ? max - min : 1;
        return Math.sqrt(squares / (to - from)) / range;
    }

    static double[][] concat(double[][] first, double[][] second) {
        double[][] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Hyperparameters of one candidate model: per channel adstock and Hill parameters, plus the ridge penalty. */
    static final class Candidate {

        final Adstock.Kind kind;
        final double[][] channelParameters;
        final double lambda;
        double score;

        // Ranges per parameter: geometric theta or Weibull shape and scale, Hill alpha, gamma share.
        private static final double[][] GEOMETRIC_RANGES = {{0, 0.9}, {0.5, 3}, {0.1, 2}};
        private static final double[][] WEIBULL_RANGES = {{0.3, 5}, {0.5, 10}, {0.5, 3}, {0.1, 2}};
        private static final double[] LOG_LAMBDA = {-5, 0};

        private Candidate(Adstock.Kind kind, double[][] channelParameters, double lambda) {
            this.kind = kind;
            this.channelParameters = channelParameters;
            this.lambda = lambda;
        }

        static Candidate random(Random random, Adstock.Kind kind, int channels) {
            double[][] ranges = ranges(kind);
            double[][] parameters = new double[channels][ranges.length];
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < ranges.length; k++) {
                    parameters[c][k] = ranges[k][0] + random.nextDouble() * (ranges[k][1] - ranges[k][0]);
                }
            }
            double logLambda = LOG_LAMBDA[0] + random.nextDouble() * (LOG_LAMBDA[1] - LOG_LAMBDA[0]);
            return new Candidate(kind, parameters, Math.pow(10, logLambda));
        }

        /** Returns a neighbour: every parameter moved by a normal step of {@code width} times its range, clamped. */
        Candidate perturb(Random random, double width) {
            double[][] ranges = ranges(kind);
            double[][] parameters = new double[channelParameters.length][];
            for (int c = 0; c < channelParameters.length; c++) {
                parameters[c] = channelParameters[c].clone();
                for (int k = 0; k < ranges.length; k++) {
                    double span = ranges[k][1] - ranges[k][0];
                    parameters[c][k] = clamp(parameters[c][k] + random.nextGaussian() * width * span, ranges[k]);
                }
            }
            double logLambda = clamp(Math.log10(lambda) + random.nextGaussian() * width * 5, LOG_LAMBDA);
            return new Candidate(kind, parameters, Math.pow(10, logLambda));
        }

        ChannelTransform transform(int channel) {
            double[] p = channelParameters[channel];
            return kind == Adstock.Kind.GEOMETRIC
                    ? new ChannelTransform(Adstock.geometric(p[0]), p[1], p[2])
                    : new ChannelTransform(Adstock.weibull(p[0], p[1]), p[2], p[3]);
        }

        private static double[][] ranges(Adstock.Kind kind) {
            return kind == Adstock.Kind.GEOMETRIC ? GEOMETRIC_RANGES : WEIBULL_RANGES;
        }

        private static double clamp(double value, double[] range) {
            return Math.max(range[0], Math.min(range[1], value));
        }
    }

    /** The columns of one candidate: controls first, then one saturated media column per channel. */
    static final class Model {

        final double[][] columns;
        final boolean[] nonNegative;
        final ChannelTransform[] transforms;
        final double[] references;
        final double[] gammas;
        final int baseCount;

        private Model(double[][] columns, boolean[] nonNegative, ChannelTransform[] transforms, double[] references,
                double[] gammas, int baseCount) {
            this.columns = columns;
            this.nonNegative = nonNegative;
            this.transforms = transforms;
            this.references = references;
            this.gammas = gammas;
            this.baseCount = baseCount;
        }

        static Model build(Candidate candidate, double[][] spend, double[][] base) {
            int channels = spend.length;
            double[][] media = new double[channels][];
            ChannelTransform[] transforms = new ChannelTransform[channels];
            double[] references = new double[channels];
            double[] gammas = new double[channels];
            for (int c = 0; c < channels; c++) {
                transforms[c] = candidate.transform(c);
                references[c] = transforms[c].reference(spend[c]);
                ChannelTransform.Result result = transforms[c].apply(spend[c], references[c]);
                media[c] = result.values();
                gammas[c] = result.gamma();
            }
            boolean[] nonNegative = new boolean[base.length + channels];
            Arrays.fill(nonNegative, base.length, nonNegative.length, true);
            return new Model(concat(base, media), nonNegative, transforms, references, gammas, base.length);
        }
    }
}
