package io.channelmind.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.domain.BanditRecommendation;
import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.DayPartCounts;
import io.channelmind.optimizer.domain.ScoredChannel;

class BanditRecommenderTest {

    private final BanditRecommender recommender = new BanditRecommender();

    private static final Map<String, ChannelTotals> ALL = Map.of(
            "email", new ChannelTotals("email", 1_000, 1_000, 200, BigDecimal.ZERO),
            "sms", new ChannelTotals("sms", 1_000, 1_000, 50, BigDecimal.ZERO));

    @Test
    void sameSeedSameAnswer() {
        BanditRecommendation first = recommender.recommend(input(Map.of(), 0.1, 42));
        BanditRecommendation second = recommender.recommend(input(Map.of(), 0.1, 42));

        assertEquals(first, second);
    }

    @Test
    void historyPriorWithoutModel() {
        BanditRecommendation result = recommender.recommend(input(Map.of(), 0.0, 1));

        ScoredChannel email = channel(result, "email");
        // Pooled prior Beta(0.25, 1.75); email's posterior mean (200.25 / 1002) weighs 10 contacts.
        assertEquals(200.25 / 1002, email.predictedResponse(), 1e-12);
        assertEquals(ScoredChannel.SOURCE_HISTORY, email.predictionSource());
        assertEquals(email.predictedResponse(), email.posteriorMean(), 1e-12);
        assertNull(result.modelVersion());
    }

    @Test
    void ownHistoryUpdatesPosterior() {
        Map<String, ChannelTotals> own = Map.of("sms", new ChannelTotals("sms", 4, 1, 3, BigDecimal.ZERO));

        BanditRecommendation result = recommender.recommend(input(own, 0.0, 1));

        ScoredChannel sms = channel(result, "sms");
        double prior = sms.predictedResponse();
        assertEquals((prior * 10 + 3) / 14, sms.posteriorMean(), 1e-12);
        assertEquals(4, sms.contacts());
        assertEquals(3, sms.conversions());
    }

    @Test
    void explorationKeepsMinimumShare() {
        int smsChosen = 0;
        int explored = 0;
        int draws = 2_000;
        for (int seed = 0; seed < draws; seed++) {
            BanditRecommendation result = recommender.recommend(input(Map.of(), 0.2, seed));
            smsChosen += result.channel().equals("sms") ? 1 : 0;
            explored += result.decision().equals(BanditRecommendation.EXPLORE) ? 1 : 0;
        }

        // Exploration picks sms half of the time, so sms gets at least about 10%; email wins the rest.
        assertTrue(explored > 0.17 * draws, "explored " + explored);
        assertTrue(explored < 0.23 * draws, "explored " + explored);
        assertTrue(smsChosen > 0.08 * draws, "sms chosen " + smsChosen);
        assertTrue(smsChosen < 0.3 * draws, "sms chosen " + smsChosen);
    }

    @Test
    void reasonComparesWithReference() {
        BanditRecommendation result = recommender.recommend(input(Map.of(), 0.0, 1));

        assertEquals("email", result.channel());
        assertTrue(result.reason().startsWith("email has the highest sampled response rate."), result.reason());
        assertTrue(result.reason().contains("1.0× the 20.0% of all profiles"), result.reason());
        assertTrue(result.reason().endsWith("This profile has not been contacted on email yet."), result.reason());
        assertTrue(result.reasonZh().contains("全部客户（20.0%）的 1.0 倍"), result.reasonZh());
    }

    @Test
    void reasonNamesPartOfDayWithEnoughEvidence() {
        Map<String, ChannelTotals> own = Map.of("email", new ChannelTotals("email", 8, 1, 6, BigDecimal.ZERO));
        Map<DayPart, DayPartCounts> parts = Map.of(DayPart.EVENING, DayPartCounts.ofConversions(4),
                DayPart.MORNING, DayPartCounts.ofConversions(2));

        BanditRecommendation result = recommender.recommend(input(own, Map.of("email", parts), 0.0, 1));

        assertEquals("email", result.channel());
        assertTrue(result.reason().endsWith("This profile answers email in the evening: 4 of 6 conversions on email"
                + " came between 18:00 and 24:00 in its time zone."), result.reason());
        assertTrue(result.reasonZh().endsWith("该客户多在晚上（当地时间 18:00–24:00）响应 email：email 上的 6 次转化中有 4 次在此时段。"),
                result.reasonZh());
    }

    @Test
    void reasonLeavesOutPartOfDayBelowThresholds() {
        // Four conversions: below the five needed.
        assertNull(BanditReason.peakPart(input(Map.of(), Map.of("email",
                Map.of(DayPart.NIGHT, DayPartCounts.ofConversions(4))), 0.0, 1), "email"));
        // Six conversions, but the largest part has 2 of 6, below half.
        Map<DayPart, DayPartCounts> spread = Map.of(DayPart.NIGHT, DayPartCounts.ofConversions(2),
                DayPart.MORNING, DayPartCounts.ofConversions(2), DayPart.EVENING, DayPartCounts.ofConversions(2));
        assertNull(BanditReason.peakPart(input(Map.of(), Map.of("email", spread), 0.0, 1), "email"));
        // Exactly half of six is enough; a tie goes to the earlier part.
        Map<DayPart, DayPartCounts> half = Map.of(DayPart.AFTERNOON, DayPartCounts.ofConversions(3),
                DayPart.EVENING, DayPartCounts.ofConversions(3));
        assertEquals(new DayPartReason.PeakPart(DayPart.AFTERNOON, 3, 6, DayPartCounts.ofConversions(6)),
                BanditReason.peakPart(input(Map.of(), Map.of("email", half), 0.0, 1), "email"));
    }

    @Test
    void opensAndClicksCountAsResponses() {
        Map<String, ChannelTotals> own = Map.of("email", new ChannelTotals("email", 8, 1, 6, BigDecimal.ZERO));
        // Four opens and clicks alone are below five responses; the conversion in the morning makes five.
        Map<DayPart, DayPartCounts> parts = Map.of(DayPart.EVENING, new DayPartCounts(3, 1, 0),
                DayPart.MORNING, DayPartCounts.ofConversions(1));

        BanditRecommendation result = recommender.recommend(input(own, Map.of("email", parts), 0.0, 1));

        assertTrue(result.reason().endsWith("This profile answers email in the evening: 4 of 5 opens, clicks and"
                + " conversions on email came between 18:00 and 24:00 in its time zone."), result.reason());
        assertTrue(result.reasonZh().endsWith("email 上的 5 次打开、点击和转化中有 4 次在此时段。"), result.reasonZh());
    }

    @Test
    void segmentReasonNamesPartOfDay() {
        BanditInput input = new BanditInput(null, "young", List.of(Map.of()), Map.of(), ALL, ALL,
                ChannelRecommendation.BASIS_ALL_PROFILES, List.of("email"), null, 0.0, 1,
                Map.of("email", Map.of(DayPart.NIGHT, DayPartCounts.ofConversions(5))));

        BanditRecommendation result = recommender.recommend(input);

        assertTrue(result.reason().endsWith("The segment's members answer email in the night: 5 of 5 conversions on"
                + " email came between 00:00 and 06:00 in each member's time zone."), result.reason());
        assertTrue(result.reasonZh().contains("该细分群体的成员多在夜间"), result.reasonZh());
    }

    private static BanditInput input(Map<String, ChannelTotals> own, double explorationShare, long seed) {
        return input(own, Map.of(), explorationShare, seed);
    }

    private static BanditInput input(Map<String, ChannelTotals> own, Map<String, Map<DayPart, DayPartCounts>> parts,
            double explorationShare, long seed) {
        return new BanditInput("test:p", null, List.of(Map.of()), own, ALL, ALL,
                ChannelRecommendation.BASIS_ALL_PROFILES, List.of("email", "sms"), null, explorationShare, seed, parts);
    }

    private static ScoredChannel channel(BanditRecommendation result, String name) {
        return result.considered().stream().filter(c -> c.channel().equals(name)).findFirst().orElseThrow();
    }
}
