package io.channelmind.optimizer.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule-based attribution: each journey's conversions and value are split over its touchpoints
 * by weights that depend only on the touchpoints' positions (or ages for time-decay), so the
 * credits of all channels add up to the observed totals.
 */
public final class HeuristicAttribution {

    private HeuristicAttribution() {
    }

    /** Computes the credit per channel of a rule-based model; {@link AttributionModel#MARKOV} is rejected. */
    public static AttributionResult attribute(List<Journey> journeys, AttributionModel model,
            AttributionSettings settings) {
        Map<String, double[]> credit = new TreeMap<>();
        double totalConversions = 0;
        double totalValue = 0;

        for (Journey journey : journeys) {
            totalConversions += journey.conversions();
            totalValue += journey.value();
            for (String channel : journey.touchpoints()) {
                credit.computeIfAbsent(channel, key -> new double[2]);
            }
            if (journey.conversions() == 0 && journey.value() == 0) {
                continue;
            }
            double[] weights = weights(journey, model, settings);
            for (int i = 0; i < weights.length; i++) {
                double[] sums = credit.get(journey.touchpoints().get(i));
                sums[0] += weights[i] * journey.conversions();
                sums[1] += weights[i] * journey.value();
            }
        }

        List<ChannelCredit> channels = new ArrayList<>();
        credit.forEach((channel, sums) -> channels.add(ChannelCredit.heuristic(channel, sums[0], sums[1])));
        return new AttributionResult(model, null, totalConversions, totalValue, channels);
    }

    /** Returns each touchpoint's share of the journey's credit; the shares add up to 1. */
    static double[] weights(Journey journey, AttributionModel model, AttributionSettings settings) {
        int n = journey.touchpoints().size();
        double[] weights = new double[n];
        switch (model) {
            case FIRST_TOUCH -> weights[0] = 1;
            case LAST_TOUCH -> weights[n - 1] = 1;
            case LINEAR -> java.util.Arrays.fill(weights, 1.0 / n);
            case TIME_DECAY -> timeDecay(journey, settings.halfLife(), weights);
            case POSITION_BASED -> positionBased(settings, weights);
            case MARKOV -> throw new IllegalArgumentException("Markov attribution is computed by MarkovAttribution");
        }
        return weights;
    }

    private static void timeDecay(Journey journey, double halfLife, double[] weights) {
        // Ages are relative to the youngest touchpoint, so long journeys do not underflow to 0.
        double youngest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < weights.length; i++) {
            youngest = Math.min(youngest, journey.ageOf(i));
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(2, -(journey.ageOf(i) - youngest) / halfLife);
            sum += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    /**
     * Gives the first and last touchpoints their shares and splits the rest evenly over the
     * middle. A single touchpoint gets everything; with two, the first and last shares are
     * scaled to add up to 1 (both 0 gives 50/50).
     */
    private static void positionBased(AttributionSettings settings, double[] weights) {
        int n = weights.length;
        if (n == 1) {
            weights[0] = 1;
            return;
        }
        double first = settings.firstShare();
        double last = settings.lastShare();
        if (n == 2) {
            double ends = first + last;
            weights[0] = ends == 0 ? 0.5 : first / ends;
            weights[1] = ends == 0 ? 0.5 : last / ends;
            return;
        }
        weights[0] = first;
        weights[n - 1] = last;
        double middle = (1 - first - last) / (n - 2);
        for (int i = 1; i < n - 1; i++) {
            weights[i] = middle;
        }
    }
}
