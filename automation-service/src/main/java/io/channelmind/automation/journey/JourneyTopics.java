package io.channelmind.automation.journey;

/** Topics and incoming channels that trigger journeys; application.properties maps the channels to the topics. */
public final class JourneyTopics {

    public static final String SEGMENT_MEMBERSHIP = "cm.segment-membership";
    public static final String CUSTOMER_EVENTS = "cm.customer-events";
    public static final String SEGMENT_MEMBERSHIP_CHANNEL = "journey-segment-membership";
    public static final String CUSTOMER_EVENTS_CHANNEL = "journey-customer-events";

    private JourneyTopics() {
    }
}
