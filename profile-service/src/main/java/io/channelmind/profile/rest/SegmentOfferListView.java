package io.channelmind.profile.rest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.channelmind.profile.offer.Offer;
import io.channelmind.profile.offer.OfferReasons;
import io.channelmind.profile.offer.OfferService;
import io.channelmind.profile.offer.ReasonLanguage;

/**
 * The offers of a segment's members as a whole.
 *
 * @param segmentSize members of the segment
 * @param membersRead members ranked: the first {@value OfferService#MAX_SEGMENT_MEMBERS} in key order at most
 * @param filtered offers that no member read may receive, only with explain=true
 */
public record SegmentOfferListView(
        String segment,
        long segmentSize,
        int membersRead,
        String language,
        List<SegmentOffer> offers,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FilteredOffer> filtered) {

    /**
     * One offer of the segment.
     *
     * @param score mean member score over every member read, where a member who may not receive it adds 0
     * @param eligibleMembers members read who may receive it
     */
    public record SegmentOffer(String offerId, String kind, String title, String category, BigDecimal price,
            String currency, Integer riskLevel, double score, int eligibleMembers, String reason) {
    }

    /**
     * An offer that no member read may receive.
     *
     * @param members how many members each filter excluded, by filter code
     */
    public record FilteredOffer(String offerId, String kind, String title, Map<String, Integer> members, String reason) {
    }

    static SegmentOfferListView from(OfferService.SegmentRanking ranking, long segmentSize, List<String> labels,
            int limit, boolean explain, ReasonLanguage language) {
        int read = ranking.membersRead();
        List<SegmentOffer> offers = ranking.offers().stream().limit(limit).map(entry -> {
            Offer offer = entry.offer();
            String label = entry.topLabel() < 0 ? null : labels.get(entry.topLabel());
            return new SegmentOffer(offer.offerId(), offer.kind(), offer.title(), offer.category(),
                    Decimals.plain(offer.price()), offer.currency(), offer.riskLevel(), OfferListView.rounded(entry.score()),
                    entry.eligibleMembers(), reason(entry, read, label, language));
        }).toList();
        List<FilteredOffer> filtered = !explain ? null : ranking.filtered().stream().map(entry -> {
            Map<String, Integer> members = new LinkedHashMap<>();
            entry.members().forEach((filter, count) -> members.put(filter.code(), count));
            String reason = language == ReasonLanguage.ZH_CN
                    ? "读取的 " + read + " 位成员都不能获得该优惠"
                    : "None of the " + read + " members read may receive it";
            return new FilteredOffer(entry.offer().offerId(), entry.offer().kind(), entry.offer().title(), members, reason);
        }).toList();
        return new SegmentOfferListView(ranking.segment(), segmentSize, read, language.tag(), offers, filtered);
    }

    private static String reason(OfferService.SegmentOffer entry, int read, String label, ReasonLanguage language) {
        String score = String.format(Locale.ROOT, "%.2f", entry.score());
        if (language == ReasonLanguage.ZH_CN) {
            return read + " 位成员中 " + entry.eligibleMembers() + " 位可获得，平均得分 " + score
                    + (label == null ? "" : "，多数成员因“" + OfferReasons.label(label, language) + "”兴趣而匹配");
        }
        return entry.eligibleMembers() + " of " + read + " members may receive it, mean score " + score
                + (label == null ? "" : "; most of them match through their interest in " + label);
    }
}
