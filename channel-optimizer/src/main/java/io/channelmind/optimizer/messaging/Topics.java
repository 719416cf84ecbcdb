package io.channelmind.optimizer.messaging;

/**
 * Kafka topics this service consumes and publishes. Each name is also the channel name of its
 * {@code @Incoming} method, so application.properties configures the channel under the topic
 * name and the name is written nowhere else in the code.
 */
public final class Topics {

    /** Customer facts (identify, contact, conversion), keyed by profile key. */
    public static final String CUSTOMER_EVENTS = "cm.customer-events";

    /** Money spent on a channel on one day, keyed by channel. */
    public static final String SPEND = "cm.spend";

    /** A profile entered or left a segment, keyed by profile key. */
    public static final String SEGMENT_MEMBERSHIP = "cm.segment-membership";

    /** Steps of sent messages (delivered, opened, clicked and others), keyed by profile key. */
    public static final String DELIVERIES = "cm.deliveries";

    /** Budget plans a user accepted, keyed by plan id; this service publishes them. */
    public static final String BUDGET_PLANS = "cm.budget-plans";

    /** Outgoing channel that writes to {@link #BUDGET_PLANS}; application.properties maps it to the topic. */
    public static final String BUDGET_PLANS_CHANNEL = "budget-plans";

    /**
     * The payload schema version this service reads on every topic. A producer raises it only
     * when it removes a field or changes its meaning, so events of another version are skipped.
     */
    public static final int SCHEMA_VERSION = 1;

    private Topics() {
    }
}
