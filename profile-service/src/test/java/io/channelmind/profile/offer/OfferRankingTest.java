package io.channelmind.profile.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OfferRankingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void financialNeverAboveRiskTolerance() {
        List<Offer> funds = new ArrayList<>();
        for (int level = 1; level <= 5; level++) {
            funds.add(financial("fund-" + level, level));
        }

        for (int tolerance = 1; tolerance <= 5; tolerance++) {
            CustomerFacts facts = facts(Map.of("riskTolerance", tolerance), List.of());

            OfferRanking.Result result = OfferRanking.rank(facts, funds, Map.of(), null, NOW);

            for (OfferRanking.Ranked entry : result.ranked()) {
                assertTrue(entry.offer().riskLevel() <= tolerance,
                        entry.offer().offerId() + " offered at tolerance " + tolerance);
            }
            assertEquals(tolerance, result.ranked().size(), "offers at tolerance " + tolerance);
            for (OfferRanking.Filtered entry : result.filtered()) {
                assertEquals(OfferFilter.RISK_ABOVE_TOLERANCE, entry.filter(), entry.offer().offerId());
                assertTrue(entry.offer().riskLevel() > tolerance, entry.offer().offerId());
            }
        }
    }

    @Test
    void financialWithoutToleranceIsFiltered() {
        List<Offer> funds = List.of(financial("fund-1", 1));

        for (Object tolerance : new Object[] {null, "high", 0, 6, 2.5}) {
            Map<String, Object> traits = new java.util.HashMap<>();
            traits.put("riskTolerance", tolerance);
            OfferRanking.Result result = OfferRanking.rank(facts(traits, List.of()), funds, Map.of(), null, NOW);

            assertTrue(result.ranked().isEmpty(), "offered with riskTolerance " + tolerance);
            assertEquals(OfferFilter.RISK_TOLERANCE_MISSING, result.filtered().get(0).filter(), "tolerance " + tolerance);
        }
    }

    @Test
    void toleranceAsTextCounts() {
        OfferRanking.Result result = OfferRanking.rank(facts(Map.of("riskTolerance", "3"), List.of()),
                List.of(financial("fund-3", 3)), Map.of(), null, NOW);

        assertEquals(1, result.ranked().size());
    }

    @Test
    void courseNeverBeforePrerequisites() {
        Offer advanced = course("py-301", List.of("py-101", "py-201"));
        List<OfferActivity> onlyFirst = List.of(activity(OfferActivity.PURCHASE, "py-101"));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), onlyFirst), List.of(advanced), Map.of(), null, NOW);

        assertTrue(result.ranked().isEmpty());
        assertEquals(OfferFilter.PREREQUISITES_MISSING, result.filtered().get(0).filter());
        assertEquals(List.of("py-201"), result.filtered().get(0).missing());
    }

    @Test
    void courseAfterPurchaseOrCompletion() {
        Offer advanced = course("py-301", List.of("py-101", "py-201"));
        List<OfferActivity> both = List.of(activity(OfferActivity.PURCHASE, "py-101"),
                activity(OfferActivity.COMPLETION, "py-201"));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), both), List.of(advanced), Map.of(), null, NOW);

        assertEquals(1, result.ranked().size());
    }

    @Test
    void returnedPrerequisiteIsNotMet() {
        Offer advanced = course("py-201", List.of("py-101"));
        List<OfferActivity> returned = List.of(activity(OfferActivity.PURCHASE, "py-101"),
                activity(OfferActivity.RETURN, "py-101"));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), returned), List.of(advanced), Map.of(), null, NOW);

        assertEquals(OfferFilter.PREREQUISITES_MISSING, result.filtered().get(0).filter());
    }

    @Test
    void boughtOfferNeverAgain() {
        List<Offer> catalogue = List.of(product("tea", "tea"), product("cup", "kitchen"));
        List<OfferActivity> bought = List.of(activity(OfferActivity.PURCHASE, "tea"));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), bought), catalogue, Map.of(), null, NOW);

        assertEquals(List.of("cup"), result.ranked().stream().map(entry -> entry.offer().offerId()).toList());
        assertEquals(OfferFilter.ALREADY_BOUGHT, result.filtered().get(0).filter());
        assertEquals("tea", result.filtered().get(0).offer().offerId());
    }

    @Test
    void fullyReturnedOfferIsOfferedAgain() {
        List<OfferActivity> returned = List.of(activity(OfferActivity.PURCHASE, "tea"),
                activity(OfferActivity.RETURN, "tea"));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), returned), List.of(product("tea", "tea")), Map.of(),
                null, NOW);

        assertEquals(1, result.ranked().size());
    }

    @Test
    void validityWindowAndStatusFilter() {
        Offer future = new Offer("future", OfferKind.PROMOTION, Offer.ACTIVE, "Later", null, null, null, null, null,
                List.of(), NOW.plusSeconds(1), null, null, null);
        Offer ended = new Offer("ended", OfferKind.PROMOTION, Offer.ACTIVE, "Over", null, null, null, null, null,
                List.of(), null, NOW, null, null);
        Offer withdrawn = new Offer("gone", OfferKind.PRODUCT, Offer.WITHDRAWN, "Gone", null, null, null, null, null,
                List.of(), null, null, null, null);
        Offer current = new Offer("now", OfferKind.PROMOTION, Offer.ACTIVE, "Now", null, null, null, null, null,
                List.of(), NOW, NOW.plusSeconds(1), null, null);

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), List.of()),
                List.of(ended, future, withdrawn, current), Map.of(), null, NOW);

        assertEquals(List.of("now"), result.ranked().stream().map(entry -> entry.offer().offerId()).toList());
        assertEquals(List.of(OfferFilter.EXPIRED, OfferFilter.NOT_STARTED, OfferFilter.WITHDRAWN),
                result.filtered().stream().map(OfferRanking.Filtered::filter).toList());
    }

    @Test
    void interestsOutrankHistory() {
        Offer outdoor = product("tent", "camping").withEmbedding(new double[] {0.9, 0.1});
        Offer kitchen = product("pan", "kitchen").withEmbedding(new double[] {0.1, 0.9});
        CustomerFacts facts = CustomerFacts.of("p", new double[] {1, 0}, Map.of(), List.of());

        OfferRanking.Result result = OfferRanking.rank(facts, List.of(kitchen, outdoor), Map.of(), null, NOW);

        assertEquals(OfferRanking.BASIS_INTERESTS, result.basis());
        assertEquals("tent", result.ranked().get(0).offer().offerId());
        assertEquals(0, result.ranked().get(0).topLabel());
    }

    @Test
    void historyThenPopularityFallback() {
        List<Offer> catalogue = List.of(product("pan", "kitchen"), product("tent", "camping"), product("mug", "kitchen"));
        Map<String, Long> buyers = Map.of("mug", 4L, "tent", 8L);
        List<OfferActivity> views = List.of(new OfferActivity("p", "e1", 0, OfferActivity.VIEW, null, "kitchen", NOW));

        OfferRanking.Result history = OfferRanking.rank(facts(Map.of(), views), catalogue, buyers, null, NOW);
        OfferRanking.Result popularity = OfferRanking.rank(facts(Map.of(), List.of()), catalogue, buyers, null, NOW);

        assertEquals(OfferRanking.BASIS_HISTORY, history.basis());
        assertEquals(List.of("mug", "pan", "tent"), ids(history));
        assertEquals(OfferRanking.BASIS_POPULARITY, popularity.basis());
        assertEquals(List.of("tent", "mug", "pan"), ids(popularity));
    }

    @Test
    void kindFilterSkipsOtherKinds() {
        List<Offer> catalogue = List.of(product("pan", "kitchen"), course("py-101", List.of()));

        OfferRanking.Result result = OfferRanking.rank(facts(Map.of(), List.of()), catalogue, Map.of(), OfferKind.COURSE, NOW);

        assertEquals(List.of("py-101"), ids(result));
        assertTrue(result.filtered().isEmpty());
    }

    @Test
    void riskToleranceParsing() {
        assertEquals(3, CustomerFacts.riskTolerance(3));
        assertEquals(3, CustomerFacts.riskTolerance(3.0));
        assertEquals(5, CustomerFacts.riskTolerance(" 5 "));
        assertNull(CustomerFacts.riskTolerance(0));
        assertNull(CustomerFacts.riskTolerance(true));
    }

    private static List<String> ids(OfferRanking.Result result) {
        return result.ranked().stream().map(entry -> entry.offer().offerId()).toList();
    }

    private static CustomerFacts facts(Map<String, Object> traits, List<OfferActivity> activity) {
        return CustomerFacts.of("p", null, traits, activity);
    }

    private static OfferActivity activity(String kind, String offerId) {
        return new OfferActivity("p", java.util.UUID.randomUUID().toString(), 0, kind, offerId, null, NOW.minusSeconds(60));
    }

    private static Offer financial(String id, int riskLevel) {
        return new Offer(id, OfferKind.FINANCIAL, Offer.ACTIVE, "Fund " + id, null, "funds", null, null, riskLevel,
                List.of(), null, null, null, null);
    }

    private static Offer course(String id, List<String> prerequisites) {
        return new Offer(id, OfferKind.COURSE, Offer.ACTIVE, "Course " + id, null, "programming", null, null, null,
                prerequisites, null, null, null, null);
    }

    private static Offer product(String id, String category) {
        return new Offer(id, OfferKind.PRODUCT, Offer.ACTIVE, "Product " + id, null, category, null, null, null,
                List.of(), null, null, null, null);
    }
}
