package io.channelmind.optimizer.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BiasReportTest {

    @Test
    void ageBandsFollowBoundaries() {
        assertEquals(AgeBand.UNDER_25, AgeBand.of("24"));
        assertEquals(AgeBand.FROM_25_TO_39, AgeBand.of("25"));
        assertEquals(AgeBand.FROM_25_TO_39, AgeBand.of("39.9"));
        assertEquals(AgeBand.FROM_40_TO_59, AgeBand.of("40"));
        assertEquals(AgeBand.FROM_60, AgeBand.of("60"));
        assertEquals(AgeBand.UNKNOWN, AgeBand.of("abc"));
        assertEquals(AgeBand.UNKNOWN, AgeBand.of(null));
    }

    @Test
    void disparityAgainstBestGroup() {
        List<BiasObservation> observations = List.of(
                observation("30", "F", true, 0.4),
                observation("31", "F", true, 0.4),
                observation("65", "M", true, 0.2),
                observation("66", "M", false, 0.2));

        BiasReport report = BiasReport.of(observations, List.of("gender"));

        GroupRates young = group(report, 0, AgeBand.FROM_25_TO_39);
        GroupRates old = group(report, 0, AgeBand.FROM_60);
        assertEquals(1.0, young.recommendationDisparity(), 1e-12);
        assertEquals(0.5, old.recommendationDisparity(), 1e-12);
        assertTrue(old.recommendationFlagged());
        assertEquals(0.5, old.predictedResponseDisparity(), 1e-12);
        assertFalse(young.predictedResponseFlagged());
        assertEquals("gender", report.attributes().get(1).attribute());
        assertTrue(report.flagged());
    }

    @Test
    void noRecommendationGivesNullRatio() {
        BiasReport report = BiasReport.of(List.of(observation("30", "F", false, 0.0)), List.of());

        GroupRates group = group(report, 0, AgeBand.FROM_25_TO_39);

        assertNull(group.recommendationDisparity());
        assertFalse(group.recommendationFlagged());
        assertFalse(report.flagged());
    }

    private static BiasObservation observation(String age, String gender, boolean recommended, double predicted) {
        return new BiasObservation(Map.of("age", age, "gender", gender), "sms", predicted, recommended, false);
    }

    private static GroupRates group(BiasReport report, int attribute, String name) {
        return report.attributes().get(attribute).groups().stream()
                .filter(group -> group.group().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
