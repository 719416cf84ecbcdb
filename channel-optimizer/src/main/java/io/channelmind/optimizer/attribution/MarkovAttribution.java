package io.channelmind.optimizer.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Transition weights between states, state 0 being the start. The transitions are sorted by
     * source state and then target state, so the edges of state s are the indexes
     * {@code edgeStart[s]} (inclusive) to {@code edgeStart[s + 1]} (exclusive) of
     * {@code edgeTarget} and {@code edgeWeight}.
     */
    private static final class Chain {

        final List<String> channels;
        final int[][] stateChannels;
        final double[] conversionWeight;
        final double[] valueWeight;
        final double[] outWeight;
        final int directSolveStates;
        int[] edgeStart;
        int[] edgeTarget;
        double[] edgeWeight;

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
            Set<String> names = new HashSet<>();
            for (Journey journey : journeys) {
                names.addAll(journey.touchpoints());
            }
            List<String> channels = new ArrayList<>(names);
            Collections.sort(channels);
            Map<String, Integer> channelIds = new HashMap<>();
            for (int i = 0; i < channels.size(); i++) {
                channelIds.put(channels.get(i), i);
            }
            long base = channels.size() + 1L;

            // First pass: the states that occur, numbered in ascending order of their code so the
            // numbering does not depend on the order of the journeys.
            LongIndex stateIndex = new LongIndex();
            stateIndex.add(0L);
            int[][] journeyStates = new int[journeys.size()][];
            for (int j = 0; j < journeys.size(); j++) {
                Journey journey = journeys.get(j);
                if (journey.conversions() + journey.nulls() <= 0) {
                    continue;
                }
                long[] codes = encode(journey, channelIds, order, base);
                journeyStates[j] = new int[codes.length];
                for (int i = 0; i < codes.length; i++) {
                    journeyStates[j][i] = stateIndex.add(codes[i]);
                }
                if (stateIndex.size() > MAX_STATES + 1) {
                    throw new IllegalArgumentException("the journeys make more than " + MAX_STATES
                            + " Markov states of order " + order + "; use a lower order or fewer channels");
                }
            }
            long[] codes = stateIndex.keys();
            Arrays.sort(codes);
            int[] stateIds = new int[codes.length];
            int[][] stateChannels = new int[codes.length][];
            for (int id = 0; id < codes.length; id++) {
                stateIds[stateIndex.indexOf(codes[id])] = id;
                stateChannels[id] = decode(codes[id], base);
            }

            // Second pass: transition weights keyed by from * states + to, summed in journey order.
            Chain chain = new Chain(channels, stateChannels, directSolveStates);
            long states = codes.length;
            LongIndex edges = new LongIndex();
            double[] weights = new double[64];
            for (int j = 0; j < journeys.size(); j++) {
                Journey journey = journeys.get(j);
                double weight = journey.conversions() + journey.nulls();
                if (weight <= 0) {
                    continue;
                }
                int from = 0;
                for (int added : journeyStates[j]) {
                    int to = stateIds[added];
                    int edge = edges.add(from * states + to);
                    if (edge == weights.length) {
                        weights = Arrays.copyOf(weights, edge * 2);
                    }
                    weights[edge] += weight;
                    chain.outWeight[from] += weight;
                    from = to;
                }
                chain.conversionWeight[from] += journey.conversions();
                chain.valueWeight[from] += journey.value();
                chain.outWeight[from] += journey.nulls() + journey.conversions();
            }
            chain.storeEdges(edges, weights);
            return chain;
        }

        /** Stores the transitions in {@code edgeStart}, {@code edgeTarget} and {@code edgeWeight}, sorted by source and target. */
        private void storeEdges(LongIndex edges, double[] weights) {
            int states = stateChannels.length;
            long[] keys = edges.keys();
            Arrays.sort(keys);
            edgeStart = new int[states + 1];
            edgeTarget = new int[keys.length];
            edgeWeight = new double[keys.length];
            for (int edge = 0; edge < keys.length; edge++) {
                int from = (int) (keys[edge] / states);
                edgeTarget[edge] = (int) (keys[edge] % states);
                edgeWeight[edge] = weights[edges.indexOf(keys[edge])];
                edgeStart[from + 1]++;
            }
            for (int s = 0; s < states; s++) {
                edgeStart[s + 1] += edgeStart[s];
            }
        }

        /** Encodes the state after each touchpoint: its last {@code order} channels, most recent first, in base {@code base}. */
        private static long[] encode(Journey journey, Map<String, Integer> channelIds, int order, long base) {
            List<String> touchpoints = journey.touchpoints();
            int[] ids = new int[touchpoints.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = channelIds.get(touchpoints.get(i)) + 1;
            }
            long[] codes = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                long code = 0;
                for (int back = Math.min(order, i + 1) - 1; back >= 0; back--) {
                    code = code * base + ids[i - back];
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
                for (int edge = edgeStart[s]; edge < edgeStart[s + 1]; edge++) {
                    int column = index[edgeTarget[edge]];
                    if (column >= 0) {
                        system[row][column] -= edgeWeight[edge] / outWeight[s];
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
                if (index[s] < 0 || outWeight[s] == 0) {
                    targets[s] = new int[0];
                    probabilities[s] = new double[0];
                    continue;
                }
                int first = edgeStart[s];
                int count = edgeStart[s + 1] - first;
                targets[s] = new int[count];
                probabilities[s] = new double[count];
                for (int edge = 0; edge < count; edge++) {
                    int target = edgeTarget[first + edge];
                    targets[s][edge] = index[target] < 0 ? -1 : target;
                    probabilities[s][edge] = edgeWeight[first + edge] / outWeight[s];
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
