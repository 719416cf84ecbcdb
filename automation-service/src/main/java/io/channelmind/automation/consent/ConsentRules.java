package io.channelmind.automation.consent;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.service.RecipientRules;
import io.smallrye.mutiny.Uni;

/**
 * The send-time rule fed by cm.consent-changes, for campaign and journey sends: a do-not-contact
 * mark that profile-service set on the profile skips the send, and so does a consent for the
 * send's purpose that is withdrawn or still pending double opt-in. Phone-type channels reach the
 * phone number with an SMS, so they also honour the marks and consent of {@code sms}.
 *
 * <p>A profile without a stored consent for the purpose may be sent to: most profiles only ever
 * have the per-channel consent that the audience page carries, and that consent is checked when
 * the audience is read.
 */
@ApplicationScoped
public class ConsentRules {

    /** Purpose of every campaign and of journeys that declare none. */
    public static final String MARKETING = "marketing";
    /** Purpose a journey may declare for messages that a customer needs for an order or account. */
    public static final String TRANSACTIONAL = "transactional";
    /** The purposes a send may have. */
    public static final Set<String> SEND_PURPOSES = Set.of(MARKETING, TRANSACTIONAL);

    private static final String SMS = "sms";

    private final ConsentStates states;

    public ConsentRules(ConsentStates states) {
        this.states = states;
    }

    /** The channels whose consent and marks a send honours: its own, and {@code sms} for phone-type channels. */
    public record Channels(String channel, String alsoChecked) {

        public static Channels of(String channel) {
            String normalised = channel.toLowerCase(Locale.ROOT);
            return new Channels(normalised, RecipientRules.isPhoneChannel(normalised) ? SMS : normalised);
        }
    }

    /** Returns the skip reason for a send to the profile, or a null item when it may be sent. */
    public Uni<String> check(String profileKey, String channel, String purpose) {
        return states.lookup(profileKey, Channels.of(channel), purpose).map(state -> skipReason(state, purpose));
    }

    /** Returns the skip reason for a profile in {@code state}, or null when it may be sent to. */
    public static String skipReason(ConsentStates.State state, String purpose) {
        if (state.doNotContactReason() != null) {
            return "do-not-contact (" + state.doNotContactReason() + ")";
        }
        if (ConsentChange.WITHDRAWN.equals(state.consent())) {
            return "consent withdrawn (" + purpose + ")";
        }
        if (ConsentChange.PENDING.equals(state.consent())) {
            return "consent pending (" + purpose + ")";
        }
        return null;
    }
}
