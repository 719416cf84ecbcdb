package io.channelmind.automation.service;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.channelmind.automation.client.ProfileClient.Member;

/**
 * Decides whether a segment member can be sent to on a channel. The checks run in a fixed
 * order, and the first that fails names the skip reason: a contact point for the channel,
 * consent for the channel, and a connector for the channel.
 *
 * <p>Phone-type channels ({@code sms}, {@code cellular}, {@code telephone}, {@code phone})
 * reach the member's phone number with an SMS, so they need consent for the named channel and
 * for {@code sms}. A channel missing from the consent map counts as no consent.
 */
public final class RecipientRules {

    public static final String NO_CONTACT_POINT = "no contact point";
    public static final String NO_CONSENT = "no consent";
    public static final String CHANNEL_NOT_SUPPORTED = "channel not supported";

    static final String EMAIL = "email";
    private static final String SMS = "sms";
    private static final Set<String> PHONE_CHANNELS = Set.of(SMS, "cellular", "telephone", "phone");
    // Only e-mail has a connector in this version. SMS connectors need provider HTTP APIs.
    private static final Set<String> SUPPORTED_CHANNELS = Set.of(EMAIL);

    private RecipientRules() {
    }

    /** The outcome for one member: an address to send to, or the reason to skip. */
    public record Decision(String address, String skipReason) {

        public boolean skipped() {
            return skipReason != null;
        }

        static Decision send(String address) {
            return new Decision(address, null);
        }

        static Decision skip(String reason) {
            return new Decision(null, reason);
        }
    }

    public static Decision decide(String channel, Member member) {
        String normalised = channel.toLowerCase(Locale.ROOT);
        String address = contactPoint(normalised, member);
        if (address == null) {
            return Decision.skip(NO_CONTACT_POINT);
        }
        if (!hasConsent(normalised, member.consent())) {
            return Decision.skip(NO_CONSENT);
        }
        if (!SUPPORTED_CHANNELS.contains(normalised)) {
            return Decision.skip(CHANNEL_NOT_SUPPORTED);
        }
        return Decision.send(address);
    }

    /** Returns the member's address for the channel, or null when the member has none or the channel has no address kind. */
    static String contactPoint(String channel, Member member) {
        String address;
        if (EMAIL.equals(channel)) {
            address = member.email();
        } else if (PHONE_CHANNELS.contains(channel)) {
            address = member.phone();
        } else {
            address = null;
        }
        return address == null || address.isBlank() ? null : address.trim();
    }

    /** Returns true for the channels that reach the member's phone number with an SMS. */
    public static boolean isPhoneChannel(String channel) {
        return PHONE_CHANNELS.contains(channel);
    }

    static boolean hasConsent(String channel, Map<String, Boolean> consent) {
        if (consent == null || !Boolean.TRUE.equals(consent.get(channel))) {
            return false;
        }
        return !PHONE_CHANNELS.contains(channel) || Boolean.TRUE.equals(consent.get(SMS));
    }
}
