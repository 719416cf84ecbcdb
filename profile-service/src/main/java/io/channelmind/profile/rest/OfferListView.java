package io.channelmind.profile.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.channelmind.profile.offer.CustomerFacts;
import io.channelmind.profile.offer.Offer;
import io.channelmind.profile.offer.OfferReasons;
import io.channelmind.profile.offer.OfferRanking;
import io.channelmind.profile.offer.OfferService;
import io.channelmind.profile.offer.ReasonLanguage;

/**
 * The ranked offers of one profile.
 *
 * @param basis interests, history or popularity: what the scores are made of (see docs/offers.md)
 * @param language the language of the reasons, en or zh-CN
 * @param filtered the offers left out with the reason, only with explain=true
 */
public record OfferListView(
        String profileKey,
        String basis,
        String language,
        List<RankedOffer> offers,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FilteredOffer> filtered) {

    /**
     * One ranked offer.
     *
     * @param similarity cosine similarity of the profile's interests with the offer, 0 to 1
     * @param categoryAffinity share of the profile's purchase and view history in the offer's category, 0 to 1
     * @param popularity the offer's buyers divided by the buyers of the most bought offer, 0 to 1
     */
    public record RankedOffer(String offerId, String kind, String title, String category, BigDecimal price,
            String currency, Integer riskLevel, double score, double similarity, double categoryAffinity,
            double popularity, String reason) {
    }

    /**
     * One offer left out.
     *
     * @param filter the stable code of the first rule it failed, such as risk-above-tolerance
     * @param missingPrerequisites for prerequisites-missing: the offer ids not yet bought or completed
     */
    public record FilteredOffer(String offerId, String kind, String title, String filter, String reason,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missingPrerequisites) {
    }

    static OfferListView from(OfferService.ProfileRanking ranking, List<String> labels, int limit, boolean explain,
            ReasonLanguage language) {
        OfferRanking.Result result = ranking.result();
        CustomerFacts facts = ranking.facts();
        List<RankedOffer> ranked = result.ranked().stream().limit(limit)
                .map(entry -> ranked(entry, OfferReasons.ranked(entry, result.basis(), labels, language)))
                .toList();
        List<FilteredOffer> filtered = !explain ? null : result.filtered().stream()
                .map(entry -> new FilteredOffer(entry.offer().offerId(), entry.offer().kind(), entry.offer().title(),
                        entry.filter().code(), OfferReasons.filtered(entry, facts, language), entry.missing()))
                .toList();
        return new OfferListView(facts.profileKey(), result.basis(), language.tag(), ranked, filtered);
    }

    private static RankedOffer ranked(OfferRanking.Ranked entry, String reason) {
        Offer offer = entry.offer();
        return new RankedOffer(offer.offerId(), offer.kind(), offer.title(), offer.category(), Decimals.plain(offer.price()),
                offer.currency(), offer.riskLevel(), rounded(entry.score()), rounded(entry.similarity()),
                rounded(entry.categoryAffinity()), rounded(entry.popularity()), reason);
    }

    /** Rounds a score to 4 decimal places, which is all the ranking's precision means. */
    static double rounded(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
