package io.channelmind.profile.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One message of {@code cm.deliveries} (schemaVersion 1): a message handed to a provider for a
 * profile, or a later outcome of it: a bounce, an open, a click, a conversion credited to the
 * send, or an unsubscribe or complaint that makes the profile not to be contacted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(
        Integer schemaVersion,
        String eventId,
        String profileKey,
        String campaignId,
        String channel,
        String copyId,
        String status,
        Instant at) {

    public static final String DELIVERED = "delivered";
    public static final String BOUNCED = "bounced";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String COMPLAINED = "complained";
    public static final String OPENED = "opened";
    public static final String CLICKED = "clicked";
    public static final String CONVERTED = "converted";

    public boolean isComplete() {
        return notBlank(eventId) && notBlank(profileKey) && notBlank(channel);
    }

    /** Returns whether the provider accepted the message; a missing status counts as delivered. */
    public boolean isDelivered() {
        return status == null || DELIVERED.equals(status);
    }

    /**
     * Returns whether the profile's delivery counters or do-not-contact mark use this event:
     * {@code delivered}, {@code bounced}, {@code opened}, {@code clicked}, {@code converted},
     * {@code unsubscribed} and {@code complained}.
     */
    public boolean isApplicable() {
        return isDelivered() || BOUNCED.equals(status) || OPENED.equals(status) || CLICKED.equals(status)
                || CONVERTED.equals(status) || doNotContactReason() != null;
    }

    /** Returns the do-not-contact reason that the status gives, or null for any other status. */
    public String doNotContactReason() {
        return BOUNCED.equals(status) || UNSUBSCRIBED.equals(status) || COMPLAINED.equals(status) ? status : null;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
