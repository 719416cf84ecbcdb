package io.channelmind.content.service;

import java.util.LinkedHashMap;
import java.util.Map;

import io.channelmind.content.client.CopywriterModel;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.Placeholders;
import io.channelmind.content.domain.ResponsiveSearchAd;
import io.channelmind.content.domain.SocialPreset;
import io.channelmind.web.sms.SmsLength;

/**
 * The values that fill the placeholders of the model prompts. Angle brackets in user text are
 * replaced by look-alike characters, so that a brief cannot close the {@code <brief>} section
 * and write instructions after it.
 */
record PromptValues(String outputShape, String language, String channelRules, String product, String offer,
        String callToAction, String url, String audience) {

    private static final String NONE = "(none)";
    private static final String COPY_SHAPE = "The object has exactly two members, \"subject\" and \"body\", each a string or null.";
    private static final String SEARCH_AD_SHAPE = "The object has exactly three members, \"headlines\", \"descriptions\" "
            + "and \"paths\", each an array of strings.";

    static PromptValues of(CopySpec spec) {
        CopyBrief brief = spec.brief();
        return new PromptValues(
                spec.format() == ChannelFormat.SEARCH_AD ? SEARCH_AD_SHAPE : COPY_SHAPE,
                spec.locale().languageName(),
                channelRules(spec),
                data(brief.product()),
                brief.offerText().map(PromptValues::data).orElse(NONE),
                brief.callToActionText().map(PromptValues::data).orElse(NONE),
                brief.link().map(PromptValues::data).orElse(NONE),
                data(spec.audience().describe()));
    }

    /** Returns the values by placeholder name, for {@link CopywriterModel#render}. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("outputShape", outputShape);
        values.put("language", language);
        values.put("channelRules", channelRules);
        values.put("product", product);
        values.put("offer", offer);
        values.put("callToAction", callToAction);
        values.put("url", url);
        values.put("audience", audience);
        return values;
    }

    String systemMessage() {
        return CopywriterModel.render(CopywriterModel.SYSTEM_PROMPT, values());
    }

    String userMessage() {
        return CopywriterModel.render(CopywriterModel.BRIEF_PROMPT, values());
    }

    /** Returns the user message of a revision: the brief, the rejected response as data, and the reasons. */
    String revisionMessage(String previousAnswer, String violations) {
        Map<String, String> values = values();
        values.put("previousAnswer", previousAnswer);
        values.put("violations", violations);
        return CopywriterModel.render(CopywriterModel.BRIEF_PROMPT + CopywriterModel.REVISION_PROMPT, values);
    }

    /**
     * Returns the rules of the channel format as prompt lines, with the same limits that
     * {@link ChannelRules} checks, then the brand's banned words and disclaimer and the variant
     * number when set.
     */
    static String channelRules(CopySpec spec) {
        StringBuilder rules = new StringBuilder(formatRules(spec));
        if (spec.options().brand() != null && !spec.options().brand().bannedWords().isEmpty()) {
            rules.append("\n- Never use these words: ").append(data(String.join(", ", spec.options().brand().bannedWords())))
                    .append('.');
        }
        String disclaimer = spec.options().disclaimer();
        if (disclaimer != null) {
            String field = spec.format() == ChannelFormat.SEARCH_AD ? "One of the \"descriptions\"" : "\"body\"";
            rules.append("\n- ").append(field).append(" contains this disclaimer word for word: \"").append(data(disclaimer))
                    .append("\".");
        }
        int variant = spec.options().variant();
        if (variant > 1) {
            rules.append("\n- This is variant ").append(variant)
                    .append(": use a different opening and angle than a plain first version would.");
        }
        return rules.toString();
    }

    private static String formatRules(CopySpec spec) {
        return switch (spec.format()) {
            case EMAIL -> """
                    - Channel: e-mail. "subject" is one plain line of at most %d characters without placeholders.
                    - "body" is plain text of at most %d characters. It starts with a greeting that contains the \
                    placeholder %s and ends with an unsubscribe sentence that contains the placeholder %s. \
                    Write both placeholders exactly like that and use no other placeholders."""
                    .formatted(ChannelRules.EMAIL_SUBJECT_MAX, ChannelRules.EMAIL_BODY_MAX,
                            Placeholders.of(Placeholders.FIRST_NAME), Placeholders.of(Placeholders.UNSUBSCRIBE_URL));
            case SMS -> spec.options().maxSmsSegments() == 1 ? """
                    - Channel: one SMS ("%s"). "subject" is null.
                    - "body" has at most %d characters when it contains any Chinese character, emoji or other \
                    character outside the GSM 7-bit alphabet, otherwise at most %d characters; the link counts too. \
                    It ends with the opt-out text "%s" and contains no placeholders."""
                    .formatted(spec.channel(), SmsLength.UCS2_LIMIT, SmsLength.GSM7_LIMIT,
                            ChannelRules.smsOptOut(spec.locale())) : """
                    - Channel: an SMS of at most %d segments ("%s"). "subject" is null.
                    - "body" has at most %d characters when it contains any Chinese character, emoji or other \
                    character outside the GSM 7-bit alphabet, otherwise at most %d characters; the link counts too. \
                    It ends with the opt-out text "%s" and contains no placeholders."""
                    .formatted(spec.options().maxSmsSegments(), spec.channel(),
                            spec.options().maxSmsSegments() * SmsLength.UCS2_SEGMENT,
                            spec.options().maxSmsSegments() * SmsLength.GSM7_SEGMENT,
                            ChannelRules.smsOptOut(spec.locale()));
            case SOCIAL -> """
                    - Channel: a social media post ("%s"). "subject" is null.
                    - "body" has %s, and contains no placeholders."""
                    .formatted(spec.channel(), SocialPreset.forChannel(spec.channel()).describe());
            case SEARCH_AD -> """
                    - Channel: a responsive search ad ("%s").
                    - "headlines": %d to %d headlines, each at most %d wide, all different from each other.
                    - "descriptions": %d to %d descriptions, each at most %d wide.
                    - "paths": 0 to %d display-path words, each at most %d wide, without slashes or spaces.
                    - Width counts each Chinese, Japanese or Korean character and each full-width character as 2, \
                    every other character as 1. No text contains a line break or a placeholder."""
                    .formatted(spec.channel(), ResponsiveSearchAd.MIN_HEADLINES, ResponsiveSearchAd.MAX_HEADLINES,
                            ResponsiveSearchAd.HEADLINE_MAX_WIDTH, ResponsiveSearchAd.MIN_DESCRIPTIONS,
                            ResponsiveSearchAd.MAX_DESCRIPTIONS, ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH,
                            ResponsiveSearchAd.MAX_PATHS, ResponsiveSearchAd.PATH_MAX_WIDTH);
        };
    }

    static String data(String text) {
        return text.replace('<', '‹').replace('>', '›');
    }
}
