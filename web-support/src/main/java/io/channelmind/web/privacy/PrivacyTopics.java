package io.channelmind.web.privacy;

/** Kafka topics and channels of the privacy requests; the contracts are in docs/events.md. */
public final class PrivacyTopics {

    /** Export and erasure requests from profile-service, keyed by request id. */
    public static final String REQUESTS = "cm.privacy-requests";
    public static final String REQUESTS_CHANNEL = "privacy-requests";

    /** The confirmations of the services that store a person's rows, keyed by request id. */
    public static final String CONFIRMATIONS = "cm.privacy-confirmations";
    public static final String CONFIRMATIONS_CHANNEL = "privacy-confirmations";

    private PrivacyTopics() {
    }
}
