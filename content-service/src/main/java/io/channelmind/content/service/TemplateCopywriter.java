package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.channelmind.content.domain.Placeholders;
import io.channelmind.content.domain.SocialPreset;
import io.channelmind.web.sms.SmsLength;

/**
 * The offline copywriter: fills fixed sentences in the requested language with the brief and
 * a greeting chosen from the audience figures. It always meets the channel rules, because it
 * tries shorter forms in turn and, as the last resort, shortens the product and offer text
 * or leaves out the link, with a warning.
 */
@ApplicationScoped
public class TemplateCopywriter {

    /** The reason code of a warning that the template had to shorten or leave out brief text. */
    public static final String SHORTENED = "text-shortened";

    /** Code points of the headline that must fit beside the link; with fewer, the link is left out. */
    private static final int MIN_HEADLINE = 12;

    public GeneratedCopy write(CopySpec spec) {
        TemplatePhrases phrases = TemplatePhrases.of(spec.locale());
        List<String> warnings = new ArrayList<>();

        String subject = null;
        String body;
        switch (spec.format()) {
            case EMAIL -> {
                subject = emailSubject(spec.brief(), phrases, warnings);
                body = emailBody(spec, phrases);
            }
            case SEARCH_AD -> body = TemplateSearchAd.write(spec, phrases, warnings).toBody();
            case SMS -> {
                int segments = spec.options().maxSmsSegments();
                body = shortMessage(spec, phrases, fits(spec), closing(spec, phrases),
                        segments == 1 ? "one SMS" : "an SMS of " + segments + " segments", warnings);
            }
            default -> {
                SocialPreset preset = SocialPreset.forChannel(spec.channel());
                body = shortMessage(spec, phrases, fits(spec), closing(spec, phrases),
                        "a " + preset.channel() + " post of " + preset.maxLength() + " characters", warnings);
            }
        }

        List<String> violations = ChannelRules.violations(spec, subject, body);
        if (!violations.isEmpty()) {
            // The candidates above end with forms that always fit, so this is a bug here.
            throw new IllegalStateException("Template copy breaks the channel rules: " + violations);
        }
        List<String> placeholders = Placeholders.find(subject == null ? body : subject + "\n" + body);
        return new GeneratedCopy(GeneratedCopy.TEMPLATE, null, subject, body, placeholders, warnings);
    }

    /**
     * Returns whether the shortest copy this copywriter can write fits the channel. It does not
     * when the parts that are never shortened, the brand's disclaimer and the SMS opt-out text,
     * leave no room: then {@link #write} would have no valid candidate.
     */
    public static boolean canFit(CopySpec spec) {
        TemplatePhrases phrases = TemplatePhrases.of(spec.locale());
        if (spec.format() == ChannelFormat.SEARCH_AD) {
            return TemplateSearchAd.canFit(spec);
        }
        if (spec.format() == ChannelFormat.EMAIL) {
            return ChannelRules.characters(emailBody(spec, phrases)) <= ChannelRules.EMAIL_BODY_MAX;
        }
        String shortest = join(parts(phrases.opener(spec.audience().tone()), phrases.ellipsis(), closing(spec, phrases)), phrases,
                Optional.empty());
        return fits(spec).test(shortest);
    }

    /** Returns the end of an SMS or post that is never shortened: the disclaimer, and the opt-out text of an SMS. */
    private static String closing(CopySpec spec, TemplatePhrases phrases) {
        if (spec.format() == ChannelFormat.SMS) {
            return join(parts(spec.options().disclaimer(), ChannelRules.smsOptOut(spec.locale())), phrases, Optional.empty());
        }
        return spec.options().disclaimer();
    }

    /** Returns the length check of an SMS or a post for the request's channel. */
    private static Predicate<String> fits(CopySpec spec) {
        if (spec.format() == ChannelFormat.SMS) {
            int segments = spec.options().maxSmsSegments();
            return text -> SmsLength.fits(text, segments);
        }
        SocialPreset preset = SocialPreset.forChannel(spec.channel());
        return text -> preset.violations(text).isEmpty();
    }

    private static String emailSubject(CopyBrief brief, TemplatePhrases phrases, List<String> warnings) {
        String headline = headline(brief, phrases);
        if (ChannelRules.characters(headline) <= ChannelRules.EMAIL_SUBJECT_MAX) {
            return headline;
        }
        warnings.add(SHORTENED + ": the product and offer were shortened to fit the e-mail subject of at most "
                + ChannelRules.EMAIL_SUBJECT_MAX + " characters");
        return shorten(headline, phrases, text -> ChannelRules.characters(text) <= ChannelRules.EMAIL_SUBJECT_MAX);
    }

    private static String emailBody(CopySpec spec, TemplatePhrases phrases) {
        String lead = phrases.opener(spec.audience().tone()) + phrases.sentenceGap()
                + phrases.sentence(headline(spec.brief(), phrases));
        List<String> paragraphs = parts(phrases.greeting(), lead, callToAction(spec.brief(), phrases),
                spec.options().disclaimer(), phrases.unsubscribeLine());
        return String.join("\n\n", paragraphs);
    }

    /**
     * Writes an SMS or a social post: the first candidate that fits wins, from the fullest
     * (greeting, headline, call to action with link) to a shortened headline without the link.
     * The closing (disclaimer and opt-out text) is never shortened.
     */
    private static String shortMessage(CopySpec spec, TemplatePhrases phrases, Predicate<String> fits, String closing,
            String limitName, List<String> warnings) {
        CopyBrief brief = spec.brief();
        String headline = phrases.sentence(headline(brief, phrases));
        String opener = phrases.opener(spec.audience().tone());
        Optional<String> link = brief.link();

        List<List<String>> candidates = new ArrayList<>();
        candidates.add(parts(opener, headline, callToAction(brief, phrases), closing));
        candidates.add(parts(headline, callToAction(brief, phrases), closing));
        link.ifPresent(url -> candidates.add(parts(headline, url, closing)));
        for (List<String> candidate : candidates) {
            String text = join(candidate, phrases, link);
            if (fits.test(text)) {
                return text;
            }
        }

        String tail = join(parts(link.orElse(null), closing), phrases, link);
        String minimalHeadline = firstCodePoints(headline, MIN_HEADLINE) + phrases.ellipsis();
        if (link.isPresent() && !fits.test(join(parts(opener, minimalHeadline, link.get(), closing), phrases, link))) {
            warnings.add(SHORTENED + ": the link was left out because it does not fit " + limitName);
            tail = join(parts(closing), phrases, link);
            String withoutLink = join(parts(opener, headline, tail), phrases, link);
            if (fits.test(withoutLink)) {
                return withoutLink;
            }
        }

        // The greeting stays, so that a Chinese copy of a brief in English still has Chinese text.
        warnings.add(SHORTENED + ": the product and offer were shortened to fit " + limitName);
        String fixedTail = tail;
        String shortHeadline = shorten(headline, phrases, text -> fits.test(join(parts(opener, text, fixedTail), phrases, link)));
        return join(parts(opener, shortHeadline, fixedTail), phrases, link);
    }

    static String headline(CopyBrief brief, TemplatePhrases phrases) {
        String product = brief.product().strip();
        return brief.offerText().map(offer -> product + phrases.headlineSeparator() + offer.strip()).orElse(product);
    }

    /** Returns the call to action with the link, or null when the brief has neither. */
    private static String callToAction(CopyBrief brief, TemplatePhrases phrases) {
        if (brief.link().isEmpty()) {
            return brief.callToActionText().map(action -> phrases.sentence(action.strip())).orElse(null);
        }
        String action = brief.callToActionText().map(String::strip).orElse(phrases.defaultCallToAction());
        return action + phrases.linkSeparator() + brief.link().get();
    }

    /** Cuts code points from the end and adds the ellipsis until the text fits; may return the ellipsis alone. */
    private static String shorten(String text, TemplatePhrases phrases, Predicate<String> fits) {
        int[] codePoints = text.codePoints().toArray();
        for (int keep = codePoints.length - 1; keep > 0; keep--) {
            String candidate = new String(codePoints, 0, keep).strip() + phrases.ellipsis();
            if (fits.test(candidate)) {
                return candidate;
            }
        }
        return phrases.ellipsis();
    }

    static String firstCodePoints(String text, int count) {
        return text.codePoints().limit(count)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static List<String> parts(String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                present.add(part);
            }
        }
        return present;
    }

    /** Joins parts with the language's sentence gap, and with a space after a link so it ends there. */
    private static String join(List<String> parts, TemplatePhrases phrases, Optional<String> link) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (!text.isEmpty()) {
                boolean afterLink = link.isPresent() && text.toString().endsWith(link.get());
                text.append(afterLink ? " " : phrases.sentenceGap());
            }
            text.append(part);
        }
        return text.toString();
    }
}
