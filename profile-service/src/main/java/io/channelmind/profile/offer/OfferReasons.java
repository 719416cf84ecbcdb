package io.channelmind.profile.offer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the reason of each ranked and filtered offer in English or Simplified Chinese. */
public final class OfferReasons {

    /** Chinese names of the built-in interest labels; a label missing here is shown as it is. */
    private static final Map<String, String> LABELS_ZH = Map.ofEntries(Map.entry("outdoor", "户外"),
            Map.entry("sports", "运动"), Map.entry("home-decor", "家居装饰"), Map.entry("kitchen", "厨房"),
            Map.entry("garden", "园艺"), Map.entry("fashion", "时尚"), Map.entry("beauty", "美妆"),
            Map.entry("electronics", "电子产品"), Map.entry("books", "图书"), Map.entry("toys", "玩具"),
            Map.entry("travel", "旅行"), Map.entry("finance", "理财"), Map.entry("education", "教育"),
            Map.entry("food", "美食"), Map.entry("pets", "宠物"), Map.entry("party", "派对"),
            Map.entry("stationery", "文具"), Map.entry("health", "健康"));

    private OfferReasons() {
    }

    /** Returns the name of an interest label in the language: the Chinese name, or the label itself. */
    public static String label(String label, ReasonLanguage language) {
        return language == ReasonLanguage.ZH_CN ? LABELS_ZH.getOrDefault(label, label) : label;
    }

    /** Returns why an offer is ranked where it is; {@code labels} are the interest labels by index. */
    public static String ranked(OfferRanking.Ranked entry, String basis, List<String> labels, ReasonLanguage language) {
        boolean zh = language == ReasonLanguage.ZH_CN;
        String category = entry.offer().category();
        String text = switch (basis) {
            case OfferRanking.BASIS_INTERESTS -> {
                String label = entry.topLabel() < 0 ? null : labels.get(entry.topLabel());
                String similarity = number(entry.similarity());
                if (label == null) {
                    yield zh ? "与客户兴趣的相似度为 " + similarity : "Similarity to the customer's interests is " + similarity;
                }
                yield zh ? "符合客户对" + label(label, language) + "的兴趣（相似度 " + similarity + "）"
                        : "Matches the customer's interest in " + label + " (similarity " + similarity + ")";
            }
            case OfferRanking.BASIS_HISTORY -> zh
                    ? "客户暂无兴趣文本，按购买和浏览历史排序：" + percent(entry.categoryAffinity()) + " 的历史属于" + quoted(category, true)
                    : "No interest texts yet, so ranked by purchase and view history: " + percent(entry.categoryAffinity())
                            + " of it is in " + quoted(category, false);
            default -> zh ? "客户暂无兴趣文本和历史，按热度排序（热度 " + number(entry.popularity()) + "）"
                    : "No interest texts or history yet, so ranked by popularity (" + number(entry.popularity()) + ")";
        };
        if (OfferRanking.BASIS_INTERESTS.equals(basis) && entry.categoryAffinity() > 0) {
            text += zh ? "；客户的历史中 " + percent(entry.categoryAffinity()) + " 属于" + quoted(category, true)
                    : "; " + percent(entry.categoryAffinity()) + " of the customer's history is in " + quoted(category, false);
        }
        return text;
    }

    /** Returns why an offer was filtered out. */
    public static String filtered(OfferRanking.Filtered entry, CustomerFacts facts, ReasonLanguage language) {
        boolean zh = language == ReasonLanguage.ZH_CN;
        Offer offer = entry.offer();
        return switch (entry.filter()) {
            case WITHDRAWN -> zh ? "该优惠已下架" : "The offer is withdrawn";
            case NOT_STARTED -> zh ? "该优惠从 " + offer.validFrom() + " 起才有效" : "The offer starts at " + offer.validFrom();
            case EXPIRED -> zh ? "该优惠已于 " + offer.validTo() + " 结束" : "The offer ended at " + offer.validTo();
            case ALREADY_BOUGHT -> zh ? "客户已购买过该优惠" : "The customer already bought this offer";
            case RISK_TOLERANCE_MISSING -> facts.riskToleranceRaw() == null
                    ? (zh ? "金融产品需要客户的风险承受能力评估（trait riskTolerance，1 到 5），该值缺失"
                            : "Financial offers need the customer's assessed risk tolerance (trait riskTolerance, 1 to 5),"
                                    + " which is missing")
                    : (zh ? "客户的风险承受能力 '" + facts.riskToleranceRaw() + "' 无效，应为 1 到 5 的整数，因此不推荐金融产品"
                            : "The customer's risk tolerance '" + facts.riskToleranceRaw()
                                    + "' is not a whole number from 1 to 5, so no financial offers are made");
            case RISK_ABOVE_TOLERANCE -> zh
                    ? "风险等级 " + riskLevel(offer) + " 高于客户的风险承受能力 " + facts.riskTolerance()
                    : "Risk level " + riskLevel(offer) + " is above the customer's risk tolerance " + facts.riskTolerance();
            case PREREQUISITES_MISSING -> zh
                    ? "尚未购买或完成先修课程：" + String.join("、", entry.missing())
                    : "Prerequisites not yet bought or completed: " + String.join(", ", entry.missing());
        };
    }

    private static String riskLevel(Offer offer) {
        return offer.riskLevel() == null ? "5 (not set)" : offer.riskLevel().toString();
    }

    private static String quoted(String category, boolean zh) {
        return zh ? "“" + category + "”类" : "'" + category + "'";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
