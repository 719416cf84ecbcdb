package io.channelmind.automation.messaging;

/** Kafka topics and channels of automation-service; the payloads are described in docs/events.md. */
public final class Topics {

    /** Deliveries: one message per message a provider accepted, keyed by profile key. */
    public static final String DELIVERIES = "cm.deliveries";

    /** Outgoing channel that writes to {@link #DELIVERIES}; application.properties maps it to the topic. */
    public static final String DELIVERIES_CHANNEL = "deliveries";

    /** Consent and do-not-contact changes from profile-service, keyed by profile key. */
    public static final String CONSENT_CHANGES = "cm.consent-changes";

    /** Incoming channel that reads {@link #CONSENT_CHANGES}; application.properties maps it to the topic. */
    public static final String CONSENT_CHANGES_CHANNEL = "consent-changes";

    /** Profile merges from profile-service, keyed by the surviving profile key. */
    public static final String PROFILE_MERGED = "cm.profile-merged";

    /** Incoming channel that reads {@link #PROFILE_MERGED}; application.properties maps it to the topic. */
    public static final String PROFILE_MERGED_CHANNEL = "profile-merged";

    private Topics() {
    }
}
