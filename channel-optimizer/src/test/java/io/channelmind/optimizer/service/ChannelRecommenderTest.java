package io.channelmind.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.domain.BetaPrior;
import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.web.ProblemException;

class ChannelRecommenderTest {

    private final ChannelRecommender recommender = new ChannelRecommender();

    @Test
    void posteriorMeansMatchHandComputation() {
        // Pooled rate 24 / 80 = 0.3 gives the prior Beta(0.6, 1.4).
        Map<String, ChannelTotals> all = totals(channel("email", 40, 40, 20), channel("sms", 40, 40, 4));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 10, all));

        assertEquals(0.6, result.prior().alpha(), 1e-12);
        assertEquals(1.4, result.prior().beta(), 1e-12);
        assertEquals(20.6 / 42, result.considered().get(0).posteriorMean(), 1e-12);
        assertEquals(4.6 / 42, result.considered().get(1).posteriorMean(), 1e-12);
        assertEquals("email", result.channel());
    }

    @Test
    void reasonMatchesBankMarketingExample() {
        Map<String, ChannelTotals> all = totals(channel("cellular", 26_144, 26_144, 3_853),
                channel("telephone", 15_044, 15_044, 787));
        Map<String, ChannelTotals> segment = totals(channel("cellular", 22_291, 22_291, 3_000),
                channel("telephone", 14_000, 14_000, 700));

        ChannelRecommendation result = recommender.recommend(input("adults", List.of(), all, 36_548, segment));

        assertEquals("cellular converts 14.7% of contacts (3,853 of 26,144) against 5.2% for telephone;"
                + " 22,291 of 36,548 segment members were contacted on cellular.", result.reason());
    }

    @Test
    void pooledPriorDistrustsSingleFailure() {
        // Beta(1, 1) would rate one contact without a conversion at 1/3, above email's 15%.
        Map<String, ChannelTotals> all = totals(channel("email", 1000, 1000, 150), channel("wechat", 1, 1, 0));
        double pooled = 150.0 / 1001;

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 10, all));

        assertEquals("email", result.channel());
        assertEquals(2 * pooled / 3, result.considered().get(1).posteriorMean(), 1e-12);
    }

    @Test
    void reversedObservedOrderIsExplained() {
        // Pooled rate 41 / 1103 pulls sms (1 of 3) below email (30 of 100).
        Map<String, ChannelTotals> all = totals(channel("email", 100, 100, 30), channel("sms", 3, 3, 1),
                channel("telephone", 1000, 1000, 10));
        Map<String, ChannelTotals> segment = totals(channel("email", 8, 8, 2), channel("sms", 1, 1, 0));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 10, segment));

        assertEquals("email converts 30.0% of contacts (30 of 100) against 33.3% for sms (1 of 3), whose estimated"
                + " rate (21.5% against 29.5%) is lower once both are pulled toward the pooled rate of 3.7%;"
                + " 8 of 10 segment members were contacted on email.", result.reason());
    }

    @Test
    void tieGoesToWiderReach() {
        Map<String, ChannelTotals> all = totals(channel("email", 10, 10, 2), channel("sms", 10, 10, 2));
        Map<String, ChannelTotals> segment = totals(channel("email", 2, 2, 0), channel("sms", 5, 5, 1));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 8, segment));

        assertEquals("sms", result.channel());
    }

    @Test
    void tieOnReachGoesToFirstName() {
        Map<String, ChannelTotals> all = totals(channel("sms", 10, 10, 2), channel("email", 10, 10, 2));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 8, all));

        assertEquals("email", result.channel());
    }

    @Test
    void conversionsWithoutContactsCountAsTrials() {
        Map<String, ChannelTotals> all = totals(channel("email", 2, 2, 5), channel("sms", 10, 10, 1));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 1, all));

        // Email counts max(2, 5) = 5 trials, so the pooled rate is 6 / 15 = 0.4 and the prior Beta(0.8, 1.2).
        assertEquals(5.8 / 7, result.considered().get(0).posteriorMean(), 1e-12);
    }

    @Test
    void unreachedSegmentFallsBack() {
        Map<String, ChannelTotals> all = totals(channel("email", 40, 30, 20), channel("sms", 40, 35, 4));

        ChannelRecommendation result = recommender.recommend(input("young", List.of(), all, 5, Map.of()));

        assertEquals(ChannelRecommendation.BASIS_ALL_PROFILES, result.basis());
        assertEquals("email converts 50.0% of contacts (20 of 40) against 10.0% for sms. None of the 5 members of"
                + " segment 'young' was contacted on a candidate channel, so the choice uses all profiles: 30 profiles"
                + " were contacted on email.", result.reason());
    }

    @Test
    void singleCandidateNeedsNoComparison() {
        Map<String, ChannelTotals> all = totals(channel("email", 40, 30, 20), channel("sms", 40, 35, 4));
        Map<String, ChannelTotals> segment = totals(channel("email", 1, 1, 0));

        ChannelRecommendation result = recommender.recommend(input("young", List.of("email"), all, 1, segment));

        assertEquals("email converts 50.0% of contacts (20 of 40); 1 of 1 segment members was contacted on email.",
                result.reason());
    }

    @Test
    void unknownCandidateIsRejected() {
        Map<String, ChannelTotals> all = totals(channel("email", 40, 30, 20));

        ProblemException problem = assertThrows(ProblemException.class,
                () -> recommender.recommend(input("young", List.of("email", "fax"), all, 1, all)));

        assertEquals(400, problem.problem().getStatus());
        assertEquals("fax", problem.problem().getErrors().get(0).value());
        assertEquals("Use one of: email", problem.problem().getErrors().get(0).message());
    }

    @Test
    void noChannelDataConflicts() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> recommender.recommend(input("young", List.of(), Map.of(), 0, Map.of())));

        assertEquals(409, problem.problem().getStatus());
        assertEquals("urn:channelmind:problem:no-channel-data", problem.problem().getType());
    }

    @Test
    void uniformPriorWithoutContacts() {
        BetaPrior prior = BetaPrior.pooled(0, 0);

        assertEquals(1.0, prior.alpha(), 1e-12);
        assertEquals(1.0, prior.beta(), 1e-12);
    }

    private static ChannelTotals channel(String name, long contacts, long reached, long conversions) {
        return new ChannelTotals(name, contacts, reached, conversions, BigDecimal.ZERO);
    }

    private static Map<String, ChannelTotals> totals(ChannelTotals... channels) {
        Map<String, ChannelTotals> totals = new LinkedHashMap<>();
        for (ChannelTotals channel : channels) {
            totals.put(channel.channel(), channel);
        }
        return totals;
    }

    private static RecommendationInput input(String segment, List<String> candidates, Map<String, ChannelTotals> all,
            long segmentMembers, Map<String, ChannelTotals> segmentTotals) {
        return new RecommendationInput(segment, candidates, all, new TreeSet<>(all.keySet()), segmentMembers,
                segmentTotals);
    }
}
