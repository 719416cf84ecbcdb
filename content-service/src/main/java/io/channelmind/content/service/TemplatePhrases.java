package io.channelmind.content.service;

import io.channelmind.content.domain.AudienceSummary.AudienceTone;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.Placeholders;

/**
 * The fixed wording of the template copywriter in one language. None of it makes a claim or
 * states a fact: facts come only from the brief.
 *
 * @param sentenceGap text between two sentences ("" in Chinese, which has no spaces)
 * @param ellipsis mark at the end of shortened text; ASCII in English to keep an SMS in GSM 7-bit
 */
record TemplatePhrases(String loyalOpener, String lapsedOpener, String generalOpener, String defaultCallToAction,
        String greeting, String unsubscribeLine, String headlineSeparator, String linkSeparator,
        String sentenceEnd, String sentenceGap, String ellipsis) {

    static final TemplatePhrases ENGLISH = new TemplatePhrases(
            "Thank you for staying with us!",
            "We have missed you!",
            "Good news!",
            "Learn more",
            "Hi " + Placeholders.of(Placeholders.FIRST_NAME) + ",",
            "You receive this e-mail because you subscribed to our news. Unsubscribe: "
                    + Placeholders.of(Placeholders.UNSUBSCRIBE_URL),
            ": ", ": ", ".", " ", "...");

    static final TemplatePhrases SIMPLIFIED_CHINESE = new TemplatePhrases(
            "感谢您一直以来的支持！",
            "好久不见！",
            "好消息！",
            "了解详情",
            Placeholders.of(Placeholders.FIRST_NAME) + "，您好：",
            "您收到这封邮件，是因为您订阅了我们的资讯。退订请点击：" + Placeholders.of(Placeholders.UNSUBSCRIBE_URL),
            "：", "：", "。", "", "…");

    static TemplatePhrases of(CopyLocale locale) {
        return locale == CopyLocale.ZH_CN ? SIMPLIFIED_CHINESE : ENGLISH;
    }

    String opener(AudienceTone tone) {
        return switch (tone) {
            case LOYAL -> loyalOpener;
            case LAPSED -> lapsedOpener;
            case GENERAL -> generalOpener;
        };
    }

    /** Ends the text with this language's full stop unless it already ends with punctuation. */
    String sentence(String text) {
        if (text.isEmpty() || ".!?。！？…".indexOf(text.charAt(text.length() - 1)) >= 0) {
            return text;
        }
        return text + sentenceEnd;
    }
}
