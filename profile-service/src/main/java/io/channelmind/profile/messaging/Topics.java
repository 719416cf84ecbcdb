package io.channelmind.profile.messaging;

/**
 * The Kafka topics this service uses (contracts in docs/events.md). Each name is also the
 * channel name, so application.properties configures them as
 * {@code mp.messaging.incoming."cm.customer-events".*}.
 */
public final class Topics {

    public static final String CUSTOMER_EVENTS = "cm.customer-events";
    public static final String DELIVERIES = "cm.deliveries";
    /** The offer catalogue, compacted and keyed by offer id. */
    public static final String OFFERS = "cm.offers";
    public static final String SEGMENT_MEMBERSHIP = "cm.segment-membership";
    public static final String PROFILE_MERGED = "cm.profile-merged";
    public static final String CONSENT_CHANGES = "cm.consent-changes";
    public static final String PRIVACY_REQUESTS = "cm.privacy-requests";
    public static final String PRIVACY_CONFIRMATIONS = "cm.privacy-confirmations";

    private Topics() {
    }
}
