package io.channelmind.content.privacy;

/** Kafka topics and channels of the privacy requests; the contracts are in docs/events.md. */
public final class PrivacyTopics {

    /** The name this service confirms privacy requests under. */
    public static final String SERVICE = "content-service";

    /** Export and erasure requests from profile-service, keyed by request id. */
    public static final String REQUESTS = "cm.privacy-requests";
    public static final String REQUESTS_CHANNEL = "privacy-requests";

    /** This service's confirmations, keyed by request id. */
    public static final String CONFIRMATIONS = "cm.privacy-confirmations";
    public static final String CONFIRMATIONS_CHANNEL = "privacy-confirmations";

    private PrivacyTopics() {
    }
}
