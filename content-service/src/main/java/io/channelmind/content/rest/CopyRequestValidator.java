package io.channelmind.content.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopyOptions;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.Guardrails;
import io.channelmind.content.domain.ResponsiveSearchAd;
import io.channelmind.content.domain.SocialPreset;
import io.channelmind.content.service.TemplateCopywriter;
import io.channelmind.web.Problem;

/**
 * Checks a copy request and turns it into a {@link CopySpec}. All invalid fields are reported
 * together in one 400 problem, each with its value and the allowed values. Audience features
 * must be aggregate values, so anything that looks like an e-mail address or a phone number
 * is rejected and not echoed back.
 */
@ApplicationScoped
public class CopyRequestValidator {

    static final int MAX_NAME = 200;
    static final int MAX_PRODUCT = 200;
    static final int MAX_OFFER = 500;
    static final int MAX_CALL_TO_ACTION = 100;
    static final int MAX_URL = 500;
    static final int MAX_FEATURES = 50;
    static final int MAX_FEATURE_TEXT = 64;

    static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[\\d\\s().-]+");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MIN_PHONE_DIGITS = 7;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final String REDACTED = "(redacted)";

    private final CopyOptionsValidator options;

    public CopyRequestValidator(CopyOptionsValidator options) {
        this.options = options;
    }

    public CopySpec validate(CopyRequest request) {
        Problem.Builder problem = Problem.of(400, "invalid-copy-request", "Invalid copy request");
        int errors = 0;
        if (request == null) {
            throw problem.detail("The request body is missing")
                    .error("body", null, "Send a JSON object with channel, locale, brief and audience")
                    .toException();
        }

        String channel = request.channel() == null ? null : request.channel().strip().toLowerCase(Locale.ROOT);
        String channelHint = "Use one of: " + String.join(", ", ChannelFormat.KNOWN_CHANNELS) + ", "
                + String.join(", ", ChannelFormat.SEARCH_CHANNELS) + " (a responsive search ad)"
                + "; any other name of lower-case letters, digits, '-' or '_' gets the generic social format";
        if (channel == null || channel.isEmpty() || !CHANNEL_NAME.matcher(channel).matches()) {
            problem.error("channel", request.channel(), channelHint);
            errors++;
        }

        Optional<CopyLocale> locale = request.locale() == null ? Optional.of(CopyLocale.EN) : CopyLocale.fromTag(request.locale().strip());
        if (locale.isEmpty()) {
            problem.error("locale", request.locale(), "Use one of: " + String.join(", ", CopyLocale.tags()) + " (default en)");
            errors++;
        }

        errors += checkName(problem, "campaign", request.campaign());
        errors += checkName(problem, "segment", request.segment());
        errors += checkBrief(problem, request.brief());
        errors += checkAudience(problem, request.audience());
        errors += options.check(problem, request);

        if (errors > 0) {
            throw problem.detail(errors + " field(s) of the copy request are invalid; see errors").toException();
        }
        CopyRequest.Brief brief = request.brief();
        CopyRequest.Audience audience = request.audience();
        CopySpec spec = new CopySpec(blankToNull(request.campaign()), blankToNull(request.segment()), channel,
                ChannelFormat.forChannel(channel), locale.get(),
                new CopyBrief(brief.product().strip(), blankToNull(brief.offer()), blankToNull(brief.callToAction()),
                        blankToNull(brief.url())),
                audience == null ? AudienceSummary.unknown() : new AudienceSummary(audience.size(), audience.features()),
                options.toOptions(request));
        checkDisclaimerFits(spec);
        return spec;
    }

    /**
     * Rejects a request whose brand disclaimer, with the SMS opt-out text, leaves no room for
     * the message in the channel, because no copywriter could then write a valid copy.
     */
    private static void checkDisclaimerFits(CopySpec spec) {
        if (spec.options().disclaimer() == null || TemplateCopywriter.canFit(spec)) {
            return;
        }
        String brand = spec.options().brand().name();
        String disclaimer = spec.options().disclaimer();
        String settingKey = "channelmind.content.brands." + brand + ".disclaimer";
        Problem.Builder problem = Problem.of(422, "disclaimer-does-not-fit", "Brand disclaimer does not fit the channel");
        if (spec.format() == ChannelFormat.SMS) {
            OptionalInt needed = IntStream.rangeClosed(spec.options().maxSmsSegments() + 1, CopyOptionsValidator.MAX_SMS_SEGMENTS)
                    .filter(segments -> TemplateCopywriter.canFit(withSmsSegments(spec, segments)))
                    .findFirst();
            String fix = needed.isPresent()
                    ? "Set maxSmsSegments to " + needed.getAsInt() + " or more, or shorten " + settingKey
                    : "Shorten " + settingKey + "; it does not fit even " + CopyOptionsValidator.MAX_SMS_SEGMENTS + " segments";
            throw problem.detail("The disclaimer of brand " + brand + " (" + ChannelRules.characters(disclaimer)
                            + " characters) and the opt-out text leave no room for a message in " + spec.options().maxSmsSegments()
                            + " SMS segment(s)")
                    .error("maxSmsSegments", spec.options().maxSmsSegments(), fix)
                    .error("brand", brand, fix)
                    .toException();
        }
        if (spec.format() == ChannelFormat.SEARCH_AD) {
            throw problem.detail("The disclaimer of brand " + brand + " is " + ResponsiveSearchAd.width(disclaimer)
                            + " wide and does not fit a search-ad description of at most " + ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH
                            + " (each Chinese, Japanese or Korean character counts as two)")
                    .error("brand", brand, "Shorten " + settingKey + " to one line of at most "
                            + ResponsiveSearchAd.DESCRIPTION_MAX_WIDTH + " wide, or send this brand's copy to a channel with more room")
                    .toException();
        }
        String room = spec.format() == ChannelFormat.EMAIL ? "an e-mail body of " + ChannelRules.EMAIL_BODY_MAX + " characters"
                : "a " + SocialPreset.forChannel(spec.channel()).channel() + " post of "
                        + SocialPreset.forChannel(spec.channel()).maxLength() + " characters";
        throw problem.detail("The disclaimer of brand " + brand + " (" + ChannelRules.characters(disclaimer)
                        + " characters) leaves no room for a message in " + room)
                .error("brand", brand, "Shorten " + settingKey + ", or send this brand's copy to a channel with more room")
                .toException();
    }

    private static CopySpec withSmsSegments(CopySpec spec, int segments) {
        CopyOptions options = spec.options();
        return new CopySpec(spec.campaign(), spec.segment(), spec.channel(), spec.format(), spec.locale(), spec.brief(),
                spec.audience(), new CopyOptions(segments, options.brand(), options.industry(), options.variant()));
    }

    private static int checkName(Problem.Builder problem, String field, String value) {
        if (value != null && (value.length() > MAX_NAME || CONTROL.matcher(value).find())) {
            problem.error(field, value, "Use at most " + MAX_NAME + " characters on one line");
            return 1;
        }
        return 0;
    }

    private static int checkBrief(Problem.Builder problem, CopyRequest.Brief brief) {
        if (brief == null) {
            problem.error("brief", null, "Send brief with at least product, for example {\"product\": \"Wealth Plus savings\"}");
            return 1;
        }
        int errors = 0;
        if (brief.product() == null || brief.product().isBlank()) {
            problem.error("brief.product", brief.product(), "Name the product in at most " + MAX_PRODUCT + " characters");
            errors++;
        } else {
            errors += checkText(problem, "brief.product", brief.product(), MAX_PRODUCT);
        }
        errors += checkText(problem, "brief.offer", brief.offer(), MAX_OFFER);
        errors += checkText(problem, "brief.callToAction", brief.callToAction(), MAX_CALL_TO_ACTION);
        if (brief.url() != null && !brief.url().isBlank() && !isWebLink(brief.url())) {
            problem.error("brief.url", brief.url(), "Use an absolute http or https URL of at most " + MAX_URL + " characters");
            errors++;
        }
        return errors;
    }

    private static int checkText(Problem.Builder problem, String field, String value, int maxLength) {
        if (value == null) {
            return 0;
        }
        if (value.length() > maxLength || CONTROL.matcher(value).find()) {
            problem.error(field, value, "Use at most " + maxLength + " characters on one line");
            return 1;
        }
        if (value.contains("{{") || value.contains("}}")) {
            problem.error(field, value, "Remove '{{' and '}}'; they mark placeholders that the sender fills in");
            return 1;
        }
        if (!Guardrails.contactDetails(value).isEmpty()) {
            // The brief is sent to the model, and copy with contact details is rejected anyway.
            problem.error(field, REDACTED, "Remove the e-mail address, phone number or identity card number; "
                    + "the brief is sent to the model and must carry no personal data");
            return 1;
        }
        return 0;
    }

    private static boolean isWebLink(String url) {
        if (url.length() > MAX_URL || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int checkAudience(Problem.Builder problem, CopyRequest.Audience audience) {
        if (audience == null) {
            return 0;
        }
        int errors = 0;
        if (audience.size() != null && audience.size() < 0) {
            problem.error("audience.size", audience.size(), "Use the number of profiles in the audience, 0 or more");
            errors++;
        }
        Map<String, Object> features = audience.features() == null ? Map.of() : audience.features();
        if (features.size() > MAX_FEATURES) {
            problem.error("audience.features", features.size() + " features", "Send at most " + MAX_FEATURES + " features");
            return errors + 1;
        }
        for (Map.Entry<String, Object> feature : features.entrySet()) {
            errors += checkFeature(problem, feature.getKey(), feature.getValue());
        }
        return errors;
    }

    private static int checkFeature(Problem.Builder problem, String name, Object value) {
        String field = "audience.features." + name;
        if (!FEATURE_NAME.matcher(name).matches()) {
            problem.error("audience.features", name, "Name features with letters, digits, '.', '-' or '_', starting with a letter");
            return 1;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return 0;
        }
        if (!(value instanceof String text)) {
            problem.error(field, null, "Use a number, a boolean or a short label; lists and objects are not aggregate values");
            return 1;
        }
        if (EMAIL_ADDRESS.matcher(text).find() || looksLikePhoneNumber(text)) {
            problem.error(field, REDACTED, "Remove personal data: features are aggregates such as conversionRate, "
                    + "never an e-mail address or phone number");
            return 1;
        }
        if (text.length() > MAX_FEATURE_TEXT || CONTROL.matcher(text).find()) {
            problem.error(field, text, "Use a label of at most " + MAX_FEATURE_TEXT + " characters on one line");
            return 1;
        }
        return 0;
    }

    /** Digits with phone punctuation, at least seven digits, and not an ISO date. */
    private static boolean looksLikePhoneNumber(String text) {
        String value = text.strip();
        long digits = value.chars().filter(Character::isDigit).count();
        return digits >= MIN_PHONE_DIGITS && PHONE_LIKE.matcher(value).matches() && !ISO_DATE.matcher(value).matches();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
