package io.channelmind.profile.offer;

import java.util.Locale;

import io.channelmind.web.Problem;

/** The language of the reasons in offer responses: English or Simplified Chinese. */
public enum ReasonLanguage {

    EN("en"),
    ZH_CN("zh-CN");

    private final String tag;

    ReasonLanguage(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Picks the language from the {@code lang} query parameter ({@code en} or {@code zh-CN}, case
     * ignored) or, without it, from the first entry of the Accept-Language header: Chinese when it
     * starts with {@code zh}, English otherwise.
     *
     * @throws io.channelmind.web.ProblemException when {@code lang} is set to another language
     */
    public static ReasonLanguage of(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            String normalised = lang.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (normalised.equals("en")) {
                return EN;
            }
            if (normalised.equals("zh-cn") || normalised.equals("zh")) {
                return ZH_CN;
            }
            throw Problem.of(400, "invalid-language", "Invalid language")
                    .detail("The query parameter 'lang' must be en or zh-CN, but was '" + lang + "'")
                    .error("lang", lang, "Use en or zh-CN, or leave it out to follow the Accept-Language header")
                    .toException();
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return EN;
        }
        return acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? ZH_CN : EN;
    }
}
