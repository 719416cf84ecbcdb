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
 * the expected conversion value, are solved from (I - Q) x = b: by LU decomposition up to 400
 * states, and above that by Gauss-Seidel sweeps until no value moves by more than a relative
 * 1e-14 (LU again if that fails), once for the full chain and once per channel with every state that contains the channel
 * removed (its incoming transitions go to "null"). A channel's removal effect is the share of
 * that probability (or value) lost. The observed totals are split in proportion to the removal
 * effects, so the credits add up to them. The same journeys always give the same result,
 * because states are numbered in a fixed order and nothing is sampled.
 */
public final class MarkovAttribution {

    /** Upper bound on the number of chain states, so a request cannot ask for a dense solve that does not fit in memory. */
    public static final int MAX_STATES = 5_000;

    // Chains with more states than this are solved by sparse Gauss-Seidel sweeps, because a dense
    // LU decomposition costs the cube of the states: order 3 over 12 channels has up to 1,884.
    private static final int DIRECT_SOLVE_STATES = 400;
    private static final int MAX_SWEEPS = 20_000;
    private static final double SWEEP_TOLERANCE = 1e-14;

    private MarkovAttribution() {
    }

    /** Computes Markov credits of the given order (1 to 3) for conversions and conversion value. */
    public static AttributionResult attribute(List<Journey> journeys, int order) {
        return attribute(journeys, order, DIRECT_SOLVE_STATES);
    }

    /** Computes Markov credits, solving chains of up to {@code directSolveStates} states by LU decomposition. */
    static AttributionResult attribute(List<Journey> journeys, int order, int directSolveStates) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("order must be 1, 2 or 3, was " + order);
        }
        Chain chain = Chain.build(journeys, order, directSolveStates);
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
        final int directSolveStates;

        private Chain(List<String> channels, int[][] stateChannels, int directSolveStates) {
            this.channels = channels;
            this.directSolveStates = directSolveStates;
            this.stateChannels = stateChannels;
            int states = stateChannels.length;
            this.conversionWeight = new double[states];
            this.valueWeight = new double[states];
            this.outWeight = new double[states];
        }

        static Chain build(List<Journey> journeys, int order, int directSolveStates) {
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

            Chain chain = new Chain(channels, stateChannels, directSolveStates);
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

            if (kept > directSolveStates) {
                double[] iterated = gaussSeidel(index);
                if (iterated != null) {
                    return iterated;
                }
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

        /**
         * Solves x = r + P x over the kept states by Gauss-Seidel sweeps on the sparse
         * transitions, for conversions and value at once, and returns the start state's values.
         * The sweeps converge because every state leaks into "conversion" or "null". Returns null
         * when {@value #MAX_SWEEPS} sweeps do not bring the largest change below a relative
         * {@value #SWEEP_TOLERANCE}, so the caller solves by LU decomposition instead.
         */
        private double[] gaussSeidel(int[] index) {
            int states = stateChannels.length;
            double[] conversion = new double[states];
            double[] value = new double[states];
            int[][] targets = new int[states][];
            double[][] probabilities = new double[states][];
            for (int s = 0; s < states; s++) {
                Map<Integer, Double> out = transitions.get(s);
                if (index[s] < 0 || outWeight[s] == 0 || out == null) {
                    targets[s] = new int[0];
                    probabilities[s] = new double[0];
                    continue;
                }
                targets[s] = new int[out.size()];
                probabilities[s] = new double[out.size()];
                int edge = 0;
                for (Map.Entry<Integer, Double> entry : out.entrySet()) {
                    targets[s][edge] = index[entry.getKey()] < 0 ? -1 : entry.getKey();
                    probabilities[s][edge] = entry.getValue() / outWeight[s];
                    edge++;
                }
            }

            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                double conversionChange = 0;
                double valueChange = 0;
                double conversionLargest = 0;
                double valueLargest = 0;
                for (int s = 0; s < states; s++) {
                    if (index[s] < 0 || outWeight[s] == 0) {
                        continue;
                    }
                    double nextConversion = conversionWeight[s] / outWeight[s];
                    double nextValue = valueWeight[s] / outWeight[s];
                    int[] to = targets[s];
                    double[] probability = probabilities[s];
                    for (int edge = 0; edge < to.length; edge++) {
                        if (to[edge] >= 0) {
                            nextConversion += probability[edge] * conversion[to[edge]];
                            nextValue += probability[edge] * value[to[edge]];
                        }
                    }
                    conversionChange = Math.max(conversionChange, Math.abs(nextConversion - conversion[s]));
                    valueChange = Math.max(valueChange, Math.abs(nextValue - value[s]));
                    conversionLargest = Math.max(conversionLargest, nextConversion);
                    valueLargest = Math.max(valueLargest, nextValue);
                    conversion[s] = nextConversion;
                    value[s] = nextValue;
                }
                if (conversionChange <= SWEEP_TOLERANCE * conversionLargest
                        && valueChange <= SWEEP_TOLERANCE * valueLargest) {
                    return new double[] {conversion[0], value[0]};
                }
            }
            return null;
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
