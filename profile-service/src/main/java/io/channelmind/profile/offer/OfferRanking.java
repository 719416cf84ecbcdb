package io.channelmind.profile.offer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.channelmind.profile.interest.InterestVector;

/**
 * Ranks the catalogue for one profile. An offer passes the filters of {@link OfferFilter} or is
 * listed with the first one it fails. The score of an offer that passes depends on the basis:
 * <ul>
 * <li>{@code interests}: cosine similarity of the profile's interest vector with the offer's
 * embedding, plus {@link #HISTORY_WEIGHT} times the profile's category affinity;</li>
 * <li>{@code history}, for a profile without interest texts: the category affinity plus
 * {@link #POPULARITY_WEIGHT} times the offer's popularity;</li>
 * <li>{@code popularity}, for a profile with neither: the popularity, the offer's buyers divided
 * by the buyers of the most bought offer.</li>
 * </ul>
 * Ties go to the lower offer id, so the order is stable.
 */
public final class OfferRanking {

    public static final String BASIS_INTERESTS = "interests";
    public static final String BASIS_HISTORY = "history";
    public static final String BASIS_POPULARITY = "popularity";

    static final double HISTORY_WEIGHT = 0.5;
    static final double POPULARITY_WEIGHT = 0.1;

    private OfferRanking() {
    }

    /**
     * An offer that passed the filters, with its score and the terms behind it.
     *
     * @param topLabel index of the interest label that adds most to the similarity, or -1
     */
    public record Ranked(Offer offer, double score, double similarity, double categoryAffinity, double popularity,
            int topLabel) {
    }

    /**
     * An offer that did not pass, with the first filter it failed.
     *
     * @param missing for {@link OfferFilter#PREREQUISITES_MISSING}: the prerequisites not met, otherwise empty
     */
    public record Filtered(Offer offer, OfferFilter filter, List<String> missing) {
    }

    /** The ranked offers, best first, and the filtered ones in offer id order. */
    public record Result(String basis, List<Ranked> ranked, List<Filtered> filtered) {
    }

    /**
     * Ranks {@code offers} of the wanted kind (every kind when {@code kind} is null) for the profile at {@code now}.
     *
     * @param buyers distinct buyers per offer id
     */
    public static Result rank(CustomerFacts facts, List<Offer> offers, Map<String, Long> buyers, String kind,
            Instant now) {
        String basis = facts.interests() != null ? BASIS_INTERESTS
                : facts.hasHistory() ? BASIS_HISTORY : BASIS_POPULARITY;
        long maxBuyers = buyers.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Ranked> ranked = new ArrayList<>();
        List<Filtered> filtered = new ArrayList<>();
        for (Offer offer : offers) {
            if (kind != null && !kind.equals(offer.kind())) {
                continue;
            }
            Filtered failed = filter(facts, offer, now);
            if (failed != null) {
                filtered.add(failed);
                continue;
            }
            double popularity = maxBuyers == 0 ? 0 : (double) buyers.getOrDefault(offer.offerId(), 0L) / maxBuyers;
            double affinity = facts.categoryAffinity(offer.category());
            double similarity = facts.interests() == null || offer.embedding() == null ? 0
                    : InterestVector.cosine(facts.interests(), offer.embedding());
            double score = switch (basis) {
                case BASIS_INTERESTS -> similarity + HISTORY_WEIGHT * affinity;
                case BASIS_HISTORY -> affinity + POPULARITY_WEIGHT * popularity;
                default -> popularity;
            };
            ranked.add(new Ranked(offer, score, similarity, affinity, popularity, topLabel(facts.interests(), offer)));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(entry -> entry.offer().offerId()));
        return new Result(basis, ranked, filtered);
    }

    /** Returns the first filter the offer fails for the profile, or null when it passes them all. */
    static Filtered filter(CustomerFacts facts, Offer offer, Instant now) {
        if (Offer.WITHDRAWN.equals(offer.status())) {
            return new Filtered(offer, OfferFilter.WITHDRAWN, List.of());
        }
        if (offer.validFrom() != null && now.isBefore(offer.validFrom())) {
            return new Filtered(offer, OfferFilter.NOT_STARTED, List.of());
        }
        if (offer.validTo() != null && !now.isBefore(offer.validTo())) {
            return new Filtered(offer, OfferFilter.EXPIRED, List.of());
        }
        if (facts.bought(offer.offerId())) {
            return new Filtered(offer, OfferFilter.ALREADY_BOUGHT, List.of());
        }
        if (OfferKind.FINANCIAL.equals(offer.kind())) {
            // An offer without a risk level is treated as the riskiest, so it needs the highest tolerance.
            int level = offer.riskLevel() == null ? 5 : offer.riskLevel();
            if (facts.riskTolerance() == null) {
                return new Filtered(offer, OfferFilter.RISK_TOLERANCE_MISSING, List.of());
            }
            if (facts.riskTolerance() < level) {
                return new Filtered(offer, OfferFilter.RISK_ABOVE_TOLERANCE, List.of());
            }
        }
        if (OfferKind.COURSE.equals(offer.kind())) {
            List<String> missing = offer.prerequisites().stream().filter(id -> !facts.met(id)).toList();
            if (!missing.isEmpty()) {
                return new Filtered(offer, OfferFilter.PREREQUISITES_MISSING, missing);
            }
        }
        return null;
    }

    private static int topLabel(double[] interests, Offer offer) {
        if (interests == null || offer.embedding() == null) {
            return -1;
        }
        int best = -1;
        double bestProduct = 0;
        for (int j = 0; j < Math.min(interests.length, offer.embedding().length); j++) {
            double product = interests[j] * offer.embedding()[j];
            if (product > bestProduct) {
                bestProduct = product;
                best = j;
            }
        }
        return best;
    }
}
