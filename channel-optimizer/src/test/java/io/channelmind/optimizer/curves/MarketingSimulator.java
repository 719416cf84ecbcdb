package io.channelmind.optimizer.curves;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates weekly histories with known geometric adstock, Hill saturation and effect per
 * channel, a trend, yearly seasonality and noise, so a fit can be checked against the true ROI.
 */
final class MarketingSimulator {

    /**
     * One simulated channel: the share of weeks with spend (flighting), the mean spend of such a
     * week and how much it varies, and the true response. Weeks without spend show the baseline.
     * Without them the start of the curve, and so the ROI, cannot be separated from the intercept.
     */
    record SimulatedChannel(String name, double activeShare, double meanSpend, double variation, double theta,
            double alpha, double gammaShare, double coefficient) {
    }

    /** A generated history with the true ROI of each channel. */
    record Simulation(MarketingHistory history, Map<String, Double> trueRoi) {
    }

    private MarketingSimulator() {
    }

    static Simulation simulate(List<SimulatedChannel> channels, int weeks, double noiseShare, long seed) {
        Random random = new Random(seed);
        List<String> periods = new ArrayList<>();
        LocalDate start = LocalDate.of(2021, 1, 4);
        for (int t = 0; t < weeks; t++) {
            periods.add(start.plusWeeks(t).toString());
        }

        double[] outcome = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            outcome[t] = 50_000 + 10_000.0 * t / weeks + 6_000 * Math.sin(2 * Math.PI * t / (365.25 / 7));
        }
        Map<String, double[]> spend = new LinkedHashMap<>();
        Map<String, Double> trueRoi = new LinkedHashMap<>();
        for (SimulatedChannel channel : channels) {
            double[] series = new double[weeks];
            for (int t = 0; t < weeks; t++) {
                boolean active = random.nextDouble() < channel.activeShare();
                series[t] = active
                        ? Math.max(0, channel.meanSpend() * (1 + channel.variation() * random.nextGaussian()))
                        : 0;
            }
            ChannelTransform transform = new ChannelTransform(Adstock.geometric(channel.theta()), channel.alpha(),
                    channel.gammaShare());
            double[] saturated = transform.apply(series, transform.reference(series)).values();
            double effect = 0;
            double total = 0;
            for (int t = 0; t < weeks; t++) {
                outcome[t] += channel.coefficient() * saturated[t];
                effect += channel.coefficient() * saturated[t];
                total += series[t];
            }
            spend.put(channel.name(), series);
            trueRoi.put(channel.name(), effect / total);
        }
        double scale = noiseShare * 50_000;
        for (int t = 0; t < weeks; t++) {
            outcome[t] += scale * random.nextGaussian();
        }
        return new Simulation(MarketingHistory.of(Grain.WEEKLY, periods, outcome, spend, Map.of(), Set.of()), trueRoi);
    }
}
