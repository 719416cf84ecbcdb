package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.ResponsiveSearchAd;

/**
 * The offline copywriter's responsive search ad. The headlines are the product, the offer, the
 * call to action and fixed phrases of the language. The descriptions are the opener with the
 * product and offer, the call to action, and the brand's disclaimer. Text wider than its limit
 * is shortened with an ellipsis and a warning, so the ad always meets the limits.
 */
final class TemplateSearchAd {

    /** Phrases that state no fact, used as headlines when the brief gives fewer than three distinct ones. */
    private static final List<String> ENGLISH_HEADLINES = List.of("Learn more", "Find out more", "See the details");
    private static final List<String> CHINESE_HEADLINES = List.of("了解详情", "立即查看", "查看详情");

    private TemplateSearchAd() {
    }

    static ResponsiveSearchAd write(CopySpec spec, TemplatePhrases phrases, List<String> warnings) {
        CopyBrief brief = spec.brief();
        List<String> shortened = new ArrayList<>();

        // Keyed by the lower-case text, so that two headlines never differ only in case.
        Map<String, String> headlines = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        candidates.add(brief.product().strip());
        brief.offerText().map(String::strip).ifPresent(candidates::add);
        brief.callToActionText().map(String::strip).ifPresent(candidates::add);
        candidates.add(strip(phrases.opener(spec.audience().tone())));
        candidates.addAll(spec.locale() == CopyLocale.ZH_CN ? CHINESE_HEADLINES : ENGLISH_HEADLINES);
        for (String candidate : candidates) {
            String headline = fit(candidate, ResponsiveSearchAd.HEADLINE_MAX_WIDTH, phrases, "headline", shortened);
            headlines.putIfAbsent(headline.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), headline);
        }

        List<String> descriptions = new ArrayList<>();
        String lead = phrases.opener(spec.audience().tone()) + phrases.sentenceGap()
                + phrases.sentence(TemplateCopywriter.headline(brief, phrases));
        descriptions.add(fit(lead, ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH, phrases, "description", shortened));
        String action = phrases.sentence(brief.callToActionText().map(String::strip).orElse(phrases.defaultCallToAction()));
        descriptions.add(fit(action, ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH, phrases, "description", shortened));
        if (spec.options().disclaimer() != null) {
            // Never shortened: the validator rejects a disclaimer that does not fit one description.
            descriptions.add(spec.options().disclaimer());
        }

        if (!shortened.isEmpty()) {
            warnings.add(TemplateCopywriter.SHORTENED + ": the " + String.join(", ", shortened.stream().distinct().toList())
                    + " text was shortened to fit the search-ad limit of " + ResponsiveSearchAd.HEADLINE_MAX_WIDTH
                    + " wide per headline and " + ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH + " per description");
        }
        List<String> headlineList = headlines.values().stream().limit(ResponsiveSearchAd.MAX_HEADLINES).toList();
        return new ResponsiveSearchAd(headlineList, descriptions, List.of());
    }

    /** Returns whether the brand's disclaimer, the one text that is never shortened, fits a description. */
    static boolean canFit(CopySpec spec) {
        String disclaimer = spec.options().disclaimer();
        return disclaimer == null || (!disclaimer.contains("\n") && ResponsiveSearchAd.width(disclaimer)
                <= ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH);
    }

    /** Returns the text on one line, cut from the end with the language's ellipsis until it is at most {@code maxWidth} wide. */
    private static String fit(String text, int maxWidth, TemplatePhrases phrases, String kind, List<String> shortened) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (ResponsiveSearchAd.width(line) <= maxWidth) {
            return line;
        }
        shortened.add(kind);
        int keep = line.codePointCount(0, line.length());
        String candidate;
        do {
            keep--;
            candidate = TemplateCopywriter.firstCodePoints(line, keep).strip() + phrases.ellipsis();
        } while (keep > 0 && ResponsiveSearchAd.width(candidate) > maxWidth);
        return candidate;
    }

    /** Removes the exclamation or full stop that ends an opener, because headlines read better without it. */
    private static String strip(String opener) {
        return opener.replaceAll("[!！.。]+$", "");
    }
}
