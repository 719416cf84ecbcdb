package io.channelmind.optimizer.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.support.SharedData;

class AttributionTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void pathFileTotals() throws IOException {
        List<Journey> journeys = pathFile();

        AttributionResult linear = HeuristicAttribution.attribute(journeys, AttributionModel.LINEAR,
                AttributionSettings.DEFAULTS);

        assertEquals(10_000, journeys.size());
        assertEquals(12, linear.channels().size());
        assertEquals(19_785, linear.totalConversions(), TOLERANCE);
        assertEquals(74_802.97, linear.totalValue(), 0.01);
    }

    @Test
    void firstLastLinearMatchDirectComputation() throws IOException {
        List<Journey> journeys = pathFile();
        Map<String, double[]> expected = directHeuristics(pathFileLines());

        for (int model = 0; model < 3; model++) {
            AttributionModel attributionModel = List.of(AttributionModel.FIRST_TOUCH, AttributionModel.LAST_TOUCH,
                    AttributionModel.LINEAR).get(model);
            AttributionResult result = HeuristicAttribution.attribute(journeys, attributionModel,
                    AttributionSettings.DEFAULTS);
            for (ChannelCredit credit : result.channels()) {
                double[] sums = expected.get(credit.channel());
                assertEquals(sums[model * 2], credit.conversions(), TOLERANCE,
                        attributionModel + " conversions of " + credit.channel());
                assertEquals(sums[model * 2 + 1], credit.value(), TOLERANCE,
                        attributionModel + " value of " + credit.channel());
            }
        }
    }

    @Test
    void markovTotalsEqualObserved() throws IOException {
        List<Journey> journeys = pathFile();

        for (int order = 1; order <= 3; order++) {
            AttributionResult result = MarkovAttribution.attribute(journeys, order);

            assertEquals(19_785, sumConversions(result), 1e-6, "conversions of order " + order);
            assertEquals(74_802.97, sumValue(result), 0.01, "value of order " + order);
            for (ChannelCredit credit : result.channels()) {
                assertTrue(credit.conversions() >= 0, credit.channel() + " has negative credit");
                assertTrue(credit.removalEffect() > 0, credit.channel() + " removal effect " + credit.removalEffect());
                assertTrue(credit.removalEffect() <= 1, credit.channel() + " removal effect " + credit.removalEffect());
            }
        }
    }

    @Test
    void sparseSolveMatchesLuDecomposition() throws IOException {
        List<Journey> journeys = pathFile();

        // Order 3 on the path file has more than 400 states, so the default solves by sweeps.
        AttributionResult sweeps = MarkovAttribution.attribute(journeys, 3);
        AttributionResult direct = MarkovAttribution.attribute(journeys, 3, Integer.MAX_VALUE);

        for (int i = 0; i < direct.channels().size(); i++) {
            ChannelCredit want = direct.channels().get(i);
            ChannelCredit got = sweeps.channels().get(i);
            assertEquals(want.channel(), got.channel());
            assertEquals(want.removalEffect(), got.removalEffect(), 1e-10, "removal effect of " + want.channel());
            assertEquals(want.valueRemovalEffect(), got.valueRemovalEffect(), 1e-10,
                    "value removal effect of " + want.channel());
            assertEquals(want.conversions(), got.conversions(), 1e-6, "conversions of " + want.channel());
            assertEquals(want.value(), got.value(), 1e-6, "value of " + want.channel());
        }
    }

    @Test
    void markovRunsAreIdentical() throws IOException {
        List<Journey> journeys = pathFile();

        AttributionResult first = MarkovAttribution.attribute(journeys, 2);
        AttributionResult second = MarkovAttribution.attribute(pathFile(), 2);

        assertEquals(first, second);
    }

    @Test
    void repeatedPathRowsEqualAggregatedRow() {
        List<Journey> repeated = List.of(
                new Journey(List.of("a", "b"), 1, 10, 2),
                new Journey(List.of("a", "b"), 2, 5, 1),
                new Journey(List.of("b"), 0, 0, 3),
                new Journey(List.of("c", "a"), 1, 4, 1));
        List<Journey> aggregated = List.of(
                new Journey(List.of("a", "b"), 3, 15, 3),
                new Journey(List.of("b"), 0, 0, 3),
                new Journey(List.of("c", "a"), 1, 4, 1));

        for (AttributionModel model : List.of(AttributionModel.FIRST_TOUCH, AttributionModel.LINEAR,
                AttributionModel.POSITION_BASED, AttributionModel.TIME_DECAY)) {
            assertSameCredits(HeuristicAttribution.attribute(aggregated, model, AttributionSettings.DEFAULTS),
                    HeuristicAttribution.attribute(repeated, model, AttributionSettings.DEFAULTS));
        }
        assertSameCredits(MarkovAttribution.attribute(aggregated, 1), MarkovAttribution.attribute(repeated, 1));
    }

    private static void assertSameCredits(AttributionResult expected, AttributionResult actual) {
        assertEquals(expected.channels().size(), actual.channels().size(), expected.model() + " channel count");
        for (int i = 0; i < expected.channels().size(); i++) {
            ChannelCredit want = expected.channels().get(i);
            ChannelCredit got = actual.channels().get(i);
            assertEquals(want.channel(), got.channel(), expected.model() + " channel order");
            assertEquals(want.conversions(), got.conversions(), 1e-12, expected.model() + " conversions of " + want.channel());
            assertEquals(want.value(), got.value(), 1e-12, expected.model() + " value of " + want.channel());
        }
    }

    @Test
    void markovSingleChannelGetsEverything() {
        List<Journey> journeys = List.of(new Journey(List.of("email", "email"), 3, 30, 7));

        AttributionResult result = MarkovAttribution.attribute(journeys, 1);

        assertEquals(1, result.channels().size());
        assertEquals(3, result.channels().get(0).conversions(), 1e-12);
        assertEquals(30, result.channels().get(0).value(), 1e-12);
        assertEquals(1, result.channels().get(0).removalEffect(), 1e-12);
    }

    @Test
    void markovKnownChain() {
        // start -> a -> conversion with probability 1/2, start -> b -> conversion never.
        // Removing a loses every conversion, removing b loses none, so a gets all of it.
        List<Journey> journeys = List.of(
                new Journey(List.of("a"), 1, 8, 1),
                new Journey(List.of("b"), 0, 0, 2));

        AttributionResult result = MarkovAttribution.attribute(journeys, 1);

        assertEquals(1, result.channels().get(0).conversions(), 1e-12);
        assertEquals(0, result.channels().get(1).conversions(), 1e-12);
        assertEquals(8, result.channels().get(0).value(), 1e-12);
    }

    @Test
    void positionBasedWeights() {
        AttributionSettings settings = new AttributionSettings(7, 0.4, 0.4, 1);

        double[] four = HeuristicAttribution.weights(new Journey(List.of("a", "b", "c", "d"), 1, 0, 0),
                AttributionModel.POSITION_BASED, settings);
        double[] two = HeuristicAttribution.weights(new Journey(List.of("a", "b"), 1, 0, 0),
                AttributionModel.POSITION_BASED, new AttributionSettings(7, 0.3, 0.1, 1));

        assertEquals(0.4, four[0], 1e-12);
        assertEquals(0.1, four[1], 1e-12);
        assertEquals(0.1, four[2], 1e-12);
        assertEquals(0.4, four[3], 1e-12);
        assertEquals(0.75, two[0], 1e-12);
        assertEquals(0.25, two[1], 1e-12);
    }

    @Test
    void timeDecayHalvesPerHalfLife() {
        Journey byPosition = new Journey(List.of("a", "b", "c"), 1, 0, 0);
        Journey byHours = new Journey(List.of("a", "b"), List.of(48.0, 0.0), 1, 0, 0);

        double[] positional = HeuristicAttribution.weights(byPosition, AttributionModel.TIME_DECAY,
                new AttributionSettings(1, 0.4, 0.4, 1));
        double[] timed = HeuristicAttribution.weights(byHours, AttributionModel.TIME_DECAY,
                new AttributionSettings(24, 0.4, 0.4, 1));

        assertEquals(1.0 / 7, positional[0], 1e-12);
        assertEquals(2.0 / 7, positional[1], 1e-12);
        assertEquals(4.0 / 7, positional[2], 1e-12);
        assertEquals(0.2, timed[0], 1e-12);
        assertEquals(0.8, timed[1], 1e-12);
    }

    @Test
    void readerRejectsBadRows() {
        InvalidJourneyException badNumber = assertThrows(InvalidJourneyException.class,
                () -> JourneyFileReader.read(new StringReader(
                        "path;total_conversions;total_conversion_value;total_null\na > b;1;x;0\n")));
        InvalidJourneyException emptyChannel = assertThrows(InvalidJourneyException.class,
                () -> JourneyFileReader.read(new StringReader(
                        "path;total_conversions;total_conversion_value;total_null\na > b;1;2;0\na >  > b;1;2;0\n")));
        InvalidJourneyException header = assertThrows(InvalidJourneyException.class,
                () -> JourneyFileReader.read(new StringReader("path,conversions\n")));

        assertEquals(1, badNumber.row());
        assertEquals("total_conversion_value", badNumber.column());
        assertEquals("x", badNumber.value());
        assertEquals(2, emptyChannel.row());
        assertEquals("path", emptyChannel.column());
        assertEquals(0, header.row());
    }

    private static List<Journey> pathFile() throws IOException {
        try (var reader = Files.newBufferedReader(pathFilePath(), StandardCharsets.UTF_8)) {
            return JourneyFileReader.read(reader);
        }
    }

    private static Path pathFilePath() {
        return SharedData.require("channel-paths/path-data.csv");
    }

    private static List<String> pathFileLines() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(pathFilePath(), StandardCharsets.UTF_8));
        lines.remove(0);
        return lines;
    }

    /** Per channel: first-touch conversions and value, last-touch, then linear, straight from the text. */
    private static Map<String, double[]> directHeuristics(List<String> lines) {
        Map<String, double[]> sums = new TreeMap<>();
        for (String line : lines) {
            String[] fields = line.split(";");
            String[] path = fields[0].split(" > ");
            double conversions = Double.parseDouble(fields[1]);
            double value = Double.parseDouble(fields[2]);
            add(sums, path[0], 0, conversions, value);
            add(sums, path[path.length - 1], 2, conversions, value);
            for (String channel : path) {
                add(sums, channel, 4, conversions / path.length, value / path.length);
            }
        }
        return sums;
    }

    private static void add(Map<String, double[]> sums, String channel, int offset, double conversions, double value) {
        double[] channelSums = sums.computeIfAbsent(channel, key -> new double[6]);
        channelSums[offset] += conversions;
        channelSums[offset + 1] += value;
    }

    private static double sumConversions(AttributionResult result) {
        return result.channels().stream().mapToDouble(ChannelCredit::conversions).sum();
    }

    private static double sumValue(AttributionResult result) {
        return result.channels().stream().mapToDouble(ChannelCredit::value).sum();
    }
}
