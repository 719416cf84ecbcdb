package io.channelmind.automation.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.consent.ConsentRules;
import io.channelmind.automation.repository.ContactHistory;
import io.channelmind.automation.repository.ContactHistory.Contact;
import io.channelmind.automation.repository.ContactHistory.Recipient;
import io.channelmind.automation.repository.ContactHistory.RecipientState;
import io.channelmind.automation.repository.FeedbackRepository;
import io.smallrye.mutiny.Uni;

/**
 * The rules that are checked right before each campaign send, after the audience page was read:
 * the local do-not-contact list (fed by unsubscribes, hard bounces and complaints), the frequency
 * caps of automation.frequency-cap, and the consent changes of profile-service.
 *
 * <p>NOTE: two runs that send to one address at the same moment can both pass a cap, because
 * the check and the send are not serialised per address, so a cap may be exceeded by the number
 * of concurrent campaigns.
 */
@ApplicationScoped
public class SendTimeRules {

    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String HARD_BOUNCE = "hard bounce";
    public static final String COMPLAINED = "complained";
    public static final String CHANNEL_CAP = "frequency cap (channel)";
    public static final String TOTAL_CAP = "frequency cap (all channels)";

    private final ContactHistory history;
    private final AutomationConfig config;

    public SendTimeRules(ContactHistory history, AutomationConfig config) {
        this.history = history;
        this.config = config;
    }

    /**
     * Checks every recipient of a claimed page with one query: first the local rules, then the
     * consent changes of profile-service for {@code purpose} ({@link ConsentRules}). Returns their
     * skip reasons in the order of {@code recipients}, with null for each one that may be sent to.
     */
    public Uni<List<String>> checkAll(List<Recipient> recipients, String purpose) {
        AutomationConfig.FrequencyCap cap = config.frequencyCap();
        return history.lookupAll(recipients, cap.channelWindow(), cap.totalWindow(), purpose)
                .map(states -> states.stream().map(state -> skipReason(state, cap, purpose)).toList());
    }

    private static String skipReason(RecipientState state, AutomationConfig.FrequencyCap cap, String purpose) {
        String local = skipReason(state.contact(), cap);
        return local != null ? local : ConsentRules.skipReason(state.consent(), purpose);
    }

    /** Returns the skip reason for an address in {@code contact}'s state, or null when it may be sent to. */
    public static String skipReason(Contact contact, AutomationConfig.FrequencyCap cap) {
        if (contact.doNotContactReason() != null) {
            return switch (contact.doNotContactReason()) {
                case FeedbackRepository.HARD_BOUNCE -> HARD_BOUNCE;
                case FeedbackRepository.COMPLAINT -> COMPLAINED;
                default -> UNSUBSCRIBED;
            };
        }
        if (cap.channelMax() > 0 && contact.sentOnChannel() >= cap.channelMax()) {
            return CHANNEL_CAP;
        }
        if (cap.totalMax() > 0 && contact.sentInTotal() >= cap.totalMax()) {
            return TOTAL_CAP;
        }
        return null;
    }
}
