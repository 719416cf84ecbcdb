package io.channelmind.profile.offer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of ranking for one profile: its interest vector (null without interest texts), its
 * assessed risk tolerance and its offer activity, summed per offer and per category.
 *
 * @param riskTolerance the {@code riskTolerance} trait as a whole number from 1 to 5, or null when
 *     it is missing or invalid
 * @param riskToleranceRaw the trait as stored, to explain an invalid value; null when missing
 */
public record CustomerFacts(String profileKey, double[] interests, Integer riskTolerance, Object riskToleranceRaw,
        Map<String, Integer> purchases, Map<String, Integer> returns, Map<String, Integer> completions,
        Map<String, Double> categoryWeights) {

    /** The trait that contains the assessed risk tolerance, 1 (lowest) to 5. */
    public static final String RISK_TOLERANCE_TRAIT = "riskTolerance";
    /** Weights of the activity kinds in the category affinity; a return takes back its purchase. */
    static final Map<String, Double> CATEGORY_WEIGHTS = Map.of(OfferActivity.PURCHASE, 1.0, OfferActivity.COMPLETION, 1.0,
            OfferActivity.VIEW, 0.3, OfferActivity.RETURN, -1.0);

    /** Builds the facts from a profile's traits, interest vector and activity rows. */
    public static CustomerFacts of(String profileKey, double[] interests, Map<String, Object> traits,
            List<OfferActivity> activity) {
        Object raw = traits == null ? null : traits.get(RISK_TOLERANCE_TRAIT);
        Map<String, Integer> purchases = new HashMap<>();
        Map<String, Integer> returns = new HashMap<>();
        Map<String, Integer> completions = new HashMap<>();
        Map<String, Double> categories = new HashMap<>();
        for (OfferActivity row : activity) {
            if (row.offerId() != null) {
                switch (row.kind()) {
                    case OfferActivity.PURCHASE -> purchases.merge(row.offerId(), 1, Integer::sum);
                    case OfferActivity.RETURN -> returns.merge(row.offerId(), 1, Integer::sum);
                    case OfferActivity.COMPLETION -> completions.merge(row.offerId(), 1, Integer::sum);
                    default -> {
                        // Views count only towards their category.
                    }
                }
            }
            if (row.category() != null) {
                categories.merge(row.category(), CATEGORY_WEIGHTS.getOrDefault(row.kind(), 0.0), Double::sum);
            }
        }
        categories.replaceAll((category, weight) -> Math.max(0, weight));
        categories.values().removeIf(weight -> weight == 0);
        return new CustomerFacts(profileKey, interests, riskTolerance(raw), raw, purchases, returns, completions,
                categories);
    }

    /** Returns whether the profile bought the offer and did not return or cancel every purchase of it. */
    public boolean bought(String offerId) {
        return purchases.getOrDefault(offerId, 0) > returns.getOrDefault(offerId, 0);
    }

    /** Returns whether a prerequisite counts as met: the offer was bought (and kept) or completed. */
    public boolean met(String offerId) {
        return bought(offerId) || completions.getOrDefault(offerId, 0) > 0;
    }

    /** Returns the share of the profile's category activity in {@code category}, 0 to 1. */
    public double categoryAffinity(String category) {
        double total = categoryWeights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (category == null || total == 0) {
            return 0;
        }
        return categoryWeights.getOrDefault(category, 0.0) / total;
    }

    public boolean hasHistory() {
        return !categoryWeights.isEmpty();
    }

    /** Reads a whole number from 1 to 5 from a number or a numeric string; anything else is null. */
    static Integer riskTolerance(Object raw) {
        double value;
        if (raw instanceof Number number) {
            value = number.doubleValue();
        } else if (raw instanceof String text) {
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (value != Math.rint(value) || value < 1 || value > 5) {
            return null;
        }
        return (int) value;
    }
}
