package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that every copy passes after the channel rules, each with its own reason code:
 * restricted terms in general and per industry, brand rules, contact details, and grounding
 * of facts in the brief. The model path turns findings into a revision request, and the
 * template path, whose facts come from the brief, reports them as warnings.
 */
public final class Guardrails {

    public static final String INDUSTRY_TERM = "industry-restricted-term";
    public static final String BRAND_BANNED_WORD = "brand-banned-word";
    public static final String BRAND_DISCLAIMER = "brand-disclaimer-missing";
    public static final String PERSONAL_DATA = "personal-data";
    public static final String UNGROUNDED = "ungrounded-fact";

    /** The minimum number of digits of a phone number. A mainland mobile number has 11 and an identity card number 18. */
    private static final int MIN_PHONE_DIGITS = 8;
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    /** Mainland mobile numbers, such as 13812345678 or +86 138 1234 5678. */
    private static final Pattern CN_MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)");
    /** International or separated numbers of 8 to 15 digits, such as +44 20 7946 0958 or (555) 010-1234. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\(?\\d{1,4}\\)?(?:[\\s.-]?\\(?\\d{2,5}\\)?){2,4}(?![\\w])");
    private static final Pattern DATE = Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    /** Resident identity card number: 17 digits and a check digit or X. */
    private static final Pattern ID_CARD = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");

    private Guardrails() {
    }

    /** Returns every finding for a copy of a request; empty when the copy passes. */
    public static List<GuardrailFinding> check(CopySpec spec, String text) {
        List<GuardrailFinding> findings = new ArrayList<>();
        findings.addAll(restrictedTerms(spec.options().industry(), text));
        findings.addAll(checkExceptRestrictedTerms(spec, text));
        return findings;
    }

    /**
     * Returns the findings of every check but the restricted terms, for a caller that looks up
     * those terms itself: brand rules, contact details and grounding.
     */
    public static List<GuardrailFinding> checkExceptRestrictedTerms(CopySpec spec, String text) {
        List<GuardrailFinding> findings = new ArrayList<>();
        findings.addAll(brandRules(spec.options().brand(), text));
        findings.addAll(contactDetails(text));
        findings.addAll(grounding(spec.brief(), text));
        return findings;
    }

    /** Finds absolute claims (reason {@value AbsoluteClaims#REASON}) and the industry's own terms. */
    public static List<GuardrailFinding> restrictedTerms(String industry, String text) {
        List<GuardrailFinding> findings = new ArrayList<>();
        List<String> claims = RestrictedTerms.defaults().find(text);
        if (!claims.isEmpty()) {
            findings.add(new GuardrailFinding(AbsoluteClaims.REASON, "the copy contains the absolute claim(s) "
                    + AbsoluteClaims.quote(claims) + ", which Chinese advertising law bans and no market can prove; remove them"));
        }
        List<String> terms = RestrictedTerms.defaults().findForIndustry(industry, text);
        if (!terms.isEmpty()) {
            findings.add(new GuardrailFinding(INDUSTRY_TERM, "the copy contains " + AbsoluteClaims.quote(terms)
                    + ", which " + industry + " advertising must not promise; remove them"));
        }
        return findings;
    }

    /** Finds the brand's banned words and a missing required disclaimer. */
    public static List<GuardrailFinding> brandRules(BrandRule brand, String text) {
        List<GuardrailFinding> findings = new ArrayList<>();
        if (brand == null) {
            return findings;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> banned = brand.bannedWords().stream()
                .filter(word -> !word.isBlank() && lower.contains(word.toLowerCase(Locale.ROOT)))
                .toList();
        if (!banned.isEmpty()) {
            findings.add(new GuardrailFinding(BRAND_BANNED_WORD, "the copy contains " + AbsoluteClaims.quote(banned)
                    + ", which brand " + brand.name() + " bans; remove them"));
        }
        if (brand.disclaimer() != null && !text.contains(brand.disclaimer())) {
            findings.add(new GuardrailFinding(BRAND_DISCLAIMER, "the copy lacks the disclaimer \"" + brand.disclaimer()
                    + "\" that brand " + brand.name() + " requires; include it word for word"));
        }
        return findings;
    }

    /**
     * Finds e-mail addresses, phone numbers and identity card numbers. Links are removed first,
     * so the digits of a URL are not a phone number, and neither is a date such as 2025-06-30.
     */
    public static List<GuardrailFinding> contactDetails(String text) {
        if (cannotContainContactDetails(text)) {
            return List.of();
        }
        String rest = LINK.matcher(text).replaceAll(" ");
        List<String> kinds = new ArrayList<>();
        if (EMAIL_ADDRESS.matcher(rest).find()) {
            kinds.add("an e-mail address");
        }
        if (ID_CARD.matcher(rest).find()) {
            kinds.add("an identity card number");
        } else if (CN_MOBILE.matcher(rest).find() || hasPhoneNumber(rest)) {
            kinds.add("a phone number");
        }
        if (kinds.isEmpty()) {
            return List.of();
        }
        return List.of(new GuardrailFinding(PERSONAL_DATA, "the copy contains " + String.join(" and ", kinds)
                + "; write to the whole audience and use only the placeholders the channel allows"));
    }

    /** Finds links, e-mail addresses and numbers that the brief does not contain. */
    public static List<GuardrailFinding> grounding(CopyBrief brief, String text) {
        return Grounding.violations(brief, text).stream().map(message -> new GuardrailFinding(UNGROUNDED, message)).toList();
    }

    /**
     * Tells whether the text is certainly free of contact details: every pattern below needs an @
     * or at least {@value #MIN_PHONE_DIGITS} ASCII digits ({@code \d} matches only those). Most
     * copy passes this test, which saves the five regular-expression scans.
     */
    private static boolean cannotContainContactDetails(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return false;
            }
            if (c >= '0' && c <= '9' && ++digits >= MIN_PHONE_DIGITS) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasPhoneNumber(String text) {
        Matcher matcher = PHONE.matcher(text);
        while (matcher.find()) {
            long digits = matcher.group().chars().filter(Character::isDigit).count();
            if (digits >= MIN_PHONE_DIGITS && digits <= 15 && !DATE.matcher(matcher.group().strip()).matches()) {
                return true;
            }
        }
        return false;
    }
}
