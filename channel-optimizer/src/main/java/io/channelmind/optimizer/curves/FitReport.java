package io.channelmind.optimizer.curves;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Turns a chosen model into a {@link CurveFit}: fit quality, effects, returns and bootstrap intervals. */
final class FitReport {

    // Marginal ROI is the slope between the historical spend and spend 1% higher in every period.
    private static final double MARGINAL_STEP = 0.01;

    private FitReport() {
    }

    static CurveFit build(MarketingHistory history, List<String> channels, double[][] spend,
            ResponseCurveFitter.Model model, Ridge ridge, ResponseCurveFitter.Candidate candidate, double[] y,
            int fitEnd, double linearNrmse, FitSettings settings, Random random) {
        int n = y.length;
        int channelCount = channels.size();
        double[] coefficients = mediaCoefficients(ridge, model);
        double[] roi = new double[channelCount];
        double[] marginal = new double[channelCount];
        double[] effect = new double[channelCount];
        double[] spendTotal = new double[channelCount];
        for (int c = 0; c < channelCount; c++) {
            spendTotal[c] = Arrays.stream(spend[c]).sum();
            effect[c] = contribution(model, c, coefficients[c], spend[c], 1);
            roi[c] = effect[c] / spendTotal[c];
            marginal[c] = marginalRoi(model, c, coefficients[c], spend[c], effect[c], spendTotal[c]);
        }

        double[][] roiSamples = new double[channelCount][settings.bootstrapSamples()];
        double[][] marginalSamples = new double[channelCount][settings.bootstrapSamples()];
        bootstrap(model, ridge, candidate.lambda, y, fitEnd, spend, spendTotal, random, roiSamples, marginalSamples);

        double effectSum = Arrays.stream(effect).sum();
        double spendSum = Arrays.stream(spendTotal).sum();
        double distance = 0;
        List<CurveFit.ChannelCurve> curves = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            double effectShare = effectSum > 0 ? effect[c] / effectSum : 0;
            double spendShare = spendTotal[c] / spendSum;
            distance += (effectShare - spendShare) * (effectShare - spendShare);
            ChannelTransform transform = model.transforms[c];
            curves.add(new CurveFit.ChannelCurve(channels.get(c), transform.adstock(), transform.alpha(),
                    model.gammas[c], coefficients[c], effectShare, spendShare, roi[c], marginal[c],
                    interval(roiSamples[c]), interval(marginalSamples[c]), variation(spend[c]),
                    spendTotal[c] / n, Arrays.stream(spend[c]).min().orElse(0), Arrays.stream(spend[c]).max().orElse(0),
                    steadyStateCurve(transform, model.gammas[c], coefficients[c])));
        }
        return new CurveFit(null, null, null, rSquared(ridge, model.columns, y, 0, fitEnd), rSquared(ridge, model.columns, y, fitEnd, n),
                ResponseCurveFitter.nrmse(ridge, model.columns, y, fitEnd, n), linearNrmse, candidate.lambda,
                Math.sqrt(distance), curves);
    }

    /**
     * Returns the channel's curve in spend per period: at a constant spend s the adstocked spend
     * settles at s times the adstock's steady-state factor, so the half-saturation point in spend
     * is gamma divided by that factor.
     * NOTE: a plan that changes spend reaches this curve only after the carry-over settles, so
     * the first periods after a change fall between the old and the new level.
     */
    private static io.channelmind.optimizer.allocation.HillCurve steadyStateCurve(ChannelTransform transform,
            double gamma, double coefficient) {
        return new io.channelmind.optimizer.allocation.HillCurve(coefficient,
                gamma / transform.adstock().steadyStateFactor(), transform.alpha());
    }

    private static double[] mediaCoefficients(Ridge ridge, ResponseCurveFitter.Model model) {
        return Arrays.copyOfRange(ridge.coefficients, model.baseCount, ridge.coefficients.length);
    }

    /** Returns the outcome the channel adds over the history with its spend scaled by {@code factor}. */
    static double contribution(ResponseCurveFitter.Model model, int channel, double coefficient, double[] spend,
            double factor) {
        double[] scaled = new double[spend.length];
        for (int t = 0; t < spend.length; t++) {
            scaled[t] = spend[t] * factor;
        }
        ChannelTransform transform = model.transforms[channel];
        double[] adstocked = transform.adstock().apply(scaled);
        double sum = 0;
        for (double value : adstocked) {
            sum += transform.hill(value, model.gammas[channel]);
        }
        return coefficient * sum;
    }

    private static double marginalRoi(ResponseCurveFitter.Model model, int channel, double coefficient, double[] spend,
            double effect, double spendTotal) {
        double raised = contribution(model, channel, coefficient, spend, 1 + MARGINAL_STEP);
        return (raised - effect) / (MARGINAL_STEP * spendTotal);
    }

    /** Refits on the fitted values plus resampled residuals and records each sample's ROI and marginal ROI. */
    private static void bootstrap(ResponseCurveFitter.Model model, Ridge ridge, double lambda, double[] y, int fitEnd,
            double[][] spend, double[] spendTotal, Random random, double[][] roiSamples, double[][] marginalSamples) {
        double[] fitted = new double[fitEnd];
        double[] residuals = new double[fitEnd];
        for (int t = 0; t < fitEnd; t++) {
            fitted[t] = ridge.predict(model.columns, t);
            residuals[t] = y[t] - fitted[t];
        }
        double[] resampled = y.clone();
        for (int b = 0; b < roiSamples[0].length; b++) {
            for (int t = 0; t < fitEnd; t++) {
                resampled[t] = fitted[t] + residuals[random.nextInt(fitEnd)];
            }
            Ridge sample = Ridge.fit(model.columns, resampled, 0, fitEnd, lambda, model.nonNegative);
            double[] coefficients = mediaCoefficients(sample, model);
            for (int c = 0; c < spend.length; c++) {
                double effect = contribution(model, c, coefficients[c], spend[c], 1);
                roiSamples[c][b] = effect / spendTotal[c];
                marginalSamples[c][b] = marginalRoi(model, c, coefficients[c], spend[c], effect, spendTotal[c]);
            }
        }
    }

    private static CurveFit.Interval interval(double[] samples) {
        if (samples.length == 0) {
            return null;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new CurveFit.Interval(sorted[(int) Math.floor(0.05 * (sorted.length - 1))],
                sorted[(int) Math.ceil(0.95 * (sorted.length - 1))]);
    }

    private static double rSquared(Ridge ridge, double[][] columns, double[] y, int from, int to) {
        double mean = 0;
        for (int t = from; t < to; t++) {
            mean += y[t];
        }
        mean /= to - from;
        double residual = 0;
        double total = 0;
        for (int t = from; t < to; t++) {
            double error = y[t] - ridge.predict(columns, t);
            residual += error * error;
            total += (y[t] - mean) * (y[t] - mean);
        }
        return total == 0 ? 0 : 1 - residual / total;
    }

    private static double variation(double[] spend) {
        double mean = Arrays.stream(spend).average().orElse(0);
        double squares = 0;
        for (double value : spend) {
            squares += (value - mean) * (value - mean);
        }
        return mean == 0 ? 0 : Math.sqrt(squares / spend.length) / mean;
    }
}
