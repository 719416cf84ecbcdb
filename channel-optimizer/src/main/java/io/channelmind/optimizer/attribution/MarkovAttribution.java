package io.channelmind.optimizer.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Data-driven attribution by an absorbing Markov chain over the journeys, credited by removal
 * effects. A state is the last {@code order} channels seen (fewer at the start of a journey).
 * Each journey walks start, its states, then ends in "conversion" as often as it converted and
 * in "null" as often as it did not. The probability of reaching "conversion" from the start, and
 * the expected conversion value, are solved exactly from (I - Q) x = b by LU decomposition,
 * once for the full chain and once per channel with every state that contains the channel
 * removed (its incoming transitions go to "null"). A channel's removal effect is the share of
 * that probability (or value) lost. The observed totals are split in proportion to the removal
 * effects, so the credits add up to them. The same journeys always give the same result,
 * because states are numbered in a fixed order and nothing is sampled.
 */
public final class MarkovAttribution {

    /** Upper bound on the number of chain states, so a request cannot ask for a dense solve that does not fit in memory. */
    public static final int MAX_STATES = 5_000;

    private MarkovAttribution() {
    }

    /** Computes Markov credits of the given order (1 to 3) for conversions and conversion value. */
    public static AttributionResult attribute(List<Journey> journeys, int order) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("order must be 1, 2 or 3, was " + order);
        }
        Chain chain = Chain.build(journeys, order);
        double totalConversions = 0;
        double totalValue = 0;
        for (Journey journey : journeys) {
            totalConversions += journey.conversions();
            totalValue += journey.value();
        }

        double[] full = chain.solve(-1);
        int channelCount = chain.channels.size();
        double[] conversionEffects = new double[channelCount];
        double[] valueEffects = new double[channelCount];
        for (int c = 0; c < channelCount; c++) {
            double[] removed = chain.solve(c);
            conversionEffects[c] = loss(full[0], removed[0]);
            valueEffects[c] = loss(full[1], removed[1]);
        }

        double conversionEffectSum = sum(conversionEffects);
        double valueEffectSum = sum(valueEffects);
        List<ChannelCredit> credits = new ArrayList<>();
        for (int c = 0; c < channelCount; c++) {
            credits.add(new ChannelCredit(chain.channels.get(c),
                    share(totalConversions, conversionEffects[c], conversionEffectSum),
                    share(totalValue, valueEffects[c], valueEffectSum),
                    conversionEffects[c], valueEffects[c]));
        }
        return new AttributionResult(AttributionModel.MARKOV, order, totalConversions, totalValue, credits);
    }

    private static double loss(double full, double removed) {
        return full == 0 ? 0 : Math.max(0, 1 - removed / full);
    }

    private static double share(double total, double effect, double effectSum) {
        return effectSum == 0 ? 0 : total * effect / effectSum;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    /** Transition weights between states, state 0 being the start. */
    private static final class Chain {

        final List<String> channels;
        final int[][] stateChannels;
        final Map<Integer, Map<Integer, Double>> transitions = new TreeMap<>();
        final double[] conversionWeight;
        final double[] valueWeight;
        final double[] outWeight;

        private Chain(List<String> channels, int[][] stateChannels) {
            this.channels = channels;
            this.stateChannels = stateChannels;
            int states = stateChannels.length;
            this.conversionWeight = new double[states];
            this.valueWeight = new double[states];
            this.outWeight = new double[states];
        }

        static Chain build(List<Journey> journeys, int order) {
            TreeMap<String, Integer> channelIds = new TreeMap<>();
            for (Journey journey : journeys) {
                for (String channel : journey.touchpoints()) {
                    channelIds.putIfAbsent(channel, 0);
                }
            }
            List<String> channels = new ArrayList<>(channelIds.keySet());
            for (int i = 0; i < channels.size(); i++) {
                channelIds.put(channels.get(i), i);
            }
            long base = channels.size() + 1L;

            // First pass: the states that occur, numbered by their code so the order is fixed.
            TreeMap<Long, Integer> stateIds = new TreeMap<>();
            stateIds.put(0L, 0);
            List<long[]> encodedJourneys = new ArrayList<>(journeys.size());
            for (Journey journey : journeys) {
                long[] codes = encode(journey, channelIds, order, base);
                encodedJourneys.add(codes);
                if (journey.conversions() + journey.nulls() > 0) {
                    for (long code : codes) {
                        stateIds.putIfAbsent(code, 0);
                        if (stateIds.size() > MAX_STATES + 1) {
                            throw new IllegalArgumentException("the journeys make more than " + MAX_STATES
                                    + " Markov states of order " + order + "; use a lower order or fewer channels");
                        }
                    }
                }
            }
            int[][] stateChannels = new int[stateIds.size()][];
            int next = 0;
            for (Map.Entry<Long, Integer> entry : stateIds.entrySet()) {
                entry.setValue(next);
                stateChannels[next] = decode(entry.getKey(), base);
                next++;
            }

            Chain chain = new Chain(channels, stateChannels);
            for (int j = 0; j < journeys.size(); j++) {
                Journey journey = journeys.get(j);
                double weight = journey.conversions() + journey.nulls();
                if (weight <= 0) {
                    continue;
                }
                int from = 0;
                for (long code : encodedJourneys.get(j)) {
                    int to = stateIds.get(code);
                    chain.transitions.computeIfAbsent(from, key -> new HashMap<>()).merge(to, weight, Double::sum);
                    chain.outWeight[from] += weight;
                    from = to;
                }
                chain.conversionWeight[from] += journey.conversions();
                chain.valueWeight[from] += journey.value();
                chain.outWeight[from] += journey.nulls() + journey.conversions();
            }
            return chain;
        }

        /** Encodes the state after each touchpoint: its last {@code order} channels, most recent first, in base {@code base}. */
        private static long[] encode(Journey journey, Map<String, Integer> channelIds, int order, long base) {
            List<String> touchpoints = journey.touchpoints();
            long[] codes = new long[touchpoints.size()];
            for (int i = 0; i < touchpoints.size(); i++) {
                long code = 0;
                for (int back = Math.min(order, i + 1) - 1; back >= 0; back--) {
                    code = code * base + channelIds.get(touchpoints.get(i - back)) + 1;
                }
                codes[i] = code;
            }
            return codes;
        }

        private static int[] decode(long code, long base) {
            List<Integer> ids = new ArrayList<>();
            for (long rest = code; rest > 0; rest /= base) {
                ids.add((int) (rest % base) - 1);
            }
            return ids.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * Solves for the conversion probability and expected value from the start, with the
         * states containing {@code removedChannel} taken out, or the full chain when it is -1.
         */
        double[] solve(int removedChannel) {
            int states = stateChannels.length;
            int[] index = new int[states];
            int kept = 0;
            for (int s = 0; s < states; s++) {
                index[s] = s == 0 || !contains(stateChannels[s], removedChannel) ? kept++ : -1;
            }

            double[][] system = new double[kept][kept];
            double[][] rightSides = new double[kept][2];
            for (int s = 0; s < states; s++) {
                int row = index[s];
                if (row < 0) {
                    continue;
                }
                system[row][row] += 1;
                if (outWeight[s] == 0) {
                    continue;
                }
                rightSides[row][0] = conversionWeight[s] / outWeight[s];
                rightSides[row][1] = valueWeight[s] / outWeight[s];
                Map<Integer, Double> out = transitions.get(s);
                if (out == null) {
                    continue;
                }
                for (Map.Entry<Integer, Double> edge : out.entrySet()) {
                    int column = index[edge.getKey()];
                    if (column >= 0) {
                        system[row][column] -= edge.getValue() / outWeight[s];
                    }
                }
            }

            RealMatrix solution = new LUDecomposition(new Array2DRowRealMatrix(system, false))
                    .getSolver()
                    .solve(new Array2DRowRealMatrix(rightSides, false));
            return new double[] {solution.getEntry(0, 0), solution.getEntry(0, 1)};
        }

        private static boolean contains(int[] stateChannels, int channel) {
            for (int id : stateChannels) {
                if (id == channel) {
                    return true;
                }
            }
            return false;
        }
    }
}
