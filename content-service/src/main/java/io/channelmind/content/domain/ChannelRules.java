package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.channelmind.web.sms.SmsLength;

/**
 * The limits that every copy must meet before it is stored: lengths per channel format,
 * the placeholders, the opt-out text of an SMS and the language. Each violation is one
 * English sentence that a person, or the model on its second try, can act on.
 */
public final class ChannelRules {

    public static final int EMAIL_SUBJECT_MAX = 78;
    public static final int EMAIL_BODY_MAX = 5000;

    /** Returns the opt-out text that every marketing SMS ends with. */
    public static String smsOptOut(CopyLocale locale) {
        return locale == CopyLocale.ZH_CN ? "回T退订" : "Reply STOP to opt out";
    }

    private ChannelRules() {
    }

    /** Returns the violations of a copy for the format's own channel and one SMS segment. */
    public static List<String> violations(ChannelFormat format, CopyLocale locale, String subject, String body) {
        return violations(format, format.name().toLowerCase(Locale.ROOT), 1, locale, subject, body);
    }

    /** Returns the violations of a copy for a request; an empty list means the copy meets every rule. */
    public static List<String> violations(CopySpec spec, String subject, String body) {
        return violations(spec.format(), spec.channel(), spec.options().maxSmsSegments(), spec.locale(), subject, body);
    }

    /**
     * Returns the violations of a copy; an empty list means the copy meets every rule.
     *
     * @param channel the channel name, which picks the social preset
     * @param maxSmsSegments segments an SMS may take
     */
    public static List<String> violations(ChannelFormat format, String channel, int maxSmsSegments, CopyLocale locale,
            String subject, String body) {
        List<String> violations = new ArrayList<>();
        if (body == null || body.isBlank()) {
            violations.add("The body is empty; write the message text in body.");
            return violations;
        }
        switch (format) {
            case EMAIL -> checkEmail(subject, body, violations);
            case SMS -> checkSms(locale, maxSmsSegments, body, violations);
            case SOCIAL -> checkSocial(SocialPreset.forChannel(channel), body, violations);
            case SEARCH_AD -> checkSearchAd(body, violations);
        }
        if (locale == CopyLocale.ZH_CN && !containsHan(body)) {
            violations.add("The body contains no Chinese characters; write it in Simplified Chinese.");
        }
        return violations;
    }

    /** Returns a code point count, so that a Chinese character or an emoji counts once. */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    private static void checkEmail(String subject, String body, List<String> violations) {
        if (subject == null || subject.isBlank()) {
            violations.add("The subject is empty; an e-mail needs a subject of at most " + EMAIL_SUBJECT_MAX + " characters.");
        } else {
            if (characters(subject) > EMAIL_SUBJECT_MAX) {
                violations.add("The subject has " + characters(subject) + " characters; the maximum is "
                        + EMAIL_SUBJECT_MAX + ".");
            }
            if (!Placeholders.find(subject).isEmpty() || subject.contains("\n")) {
                violations.add("The subject contains a placeholder or a line break; write it as one plain line.");
            }
        }
        if (characters(body) > EMAIL_BODY_MAX) {
            violations.add("The body has " + characters(body) + " characters; the maximum is " + EMAIL_BODY_MAX + ".");
        }
        for (String name : Placeholders.EMAIL) {
            if (!Placeholders.find(body).contains(name)) {
                violations.add("The body lacks the placeholder " + Placeholders.of(name) + "; include it exactly once.");
            }
        }
        List<String> unknown = Placeholders.find(body).stream().filter(name -> !Placeholders.EMAIL.contains(name)).toList();
        if (!unknown.isEmpty() || Placeholders.hasStrayBraces(body)) {
            violations.add("The body contains placeholders other than " + Placeholders.of(Placeholders.FIRST_NAME)
                    + " and " + Placeholders.of(Placeholders.UNSUBSCRIBE_URL) + " or stray braces; remove them.");
        }
    }

    private static void checkSms(CopyLocale locale, int maxSegments, String body, List<String> violations) {
        if (!SmsLength.fits(body, maxSegments)) {
            String encoding = SmsLength.isGsm7(body)
                    ? "an SMS in the GSM 7-bit alphabet"
                    : "an SMS that contains Chinese or any other character outside the GSM 7-bit alphabet";
            String room = maxSegments == 1
                    ? " holds at most " + SmsLength.limit(body) + " in one segment."
                    : " holds " + SmsLength.limit(body) + " in one segment or " + SmsLength.segmentLimit(body)
                            + " per segment when concatenated, so " + maxSegments + " segments hold at most "
                            + maxSegments * SmsLength.segmentLimit(body) + ".";
            violations.add("The body is " + SmsLength.length(body) + " characters long and takes "
                    + SmsLength.segments(body) + " segments; " + encoding + room);
        }
        if (!body.contains(smsOptOut(locale))) {
            violations.add("The body lacks the opt-out text \"" + smsOptOut(locale) + "\"; end the SMS with it.");
        }
        checkNoPlaceholders(body, violations);
    }

    private static void checkSocial(SocialPreset preset, String body, List<String> violations) {
        violations.addAll(preset.violations(body));
        checkNoPlaceholders(body, violations);
    }

    private static void checkSearchAd(String body, List<String> violations) {
        violations.addAll(ResponsiveSearchAd.fromBody(body).violations());
        checkNoPlaceholders(body, violations);
    }

    private static void checkNoPlaceholders(String body, List<String> violations) {
        if (!Placeholders.find(body).isEmpty() || Placeholders.hasStrayBraces(body)) {
            violations.add("The body contains a {{...}} placeholder; this channel takes no placeholders, remove it.");
        }
    }

    private static boolean containsHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
