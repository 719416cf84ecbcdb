package io.channelmind.automation.messaging;

/**
 * Payload of {@link Topics#DELIVERIES} (schema version 1): one step in the life of a sent
 * message. {@code eventId} is the send's idempotency key for {@code delivered} and the key
 * followed by {@code /<status>} for feedback, so a republished event is applied once. {@code at}
 * is the ISO-8601 UTC instant of the step.
 */
public record DeliveryEvent(
        int schemaVersion,
        String eventId,
        String profileKey,
        String campaignId,
        String channel,
        String copyId,
        String status,
        String at) {

    public static final int SCHEMA_VERSION = 1;
    /** The provider (for e-mail, the SMTP server) accepted the message. */
    public static final String STATUS_DELIVERED = "delivered";
    public static final String STATUS_BOUNCED = "bounced";
    public static final String STATUS_OPENED = "opened";
    public static final String STATUS_CLICKED = "clicked";
    public static final String STATUS_UNSUBSCRIBED = "unsubscribed";
    public static final String STATUS_COMPLAINED = "complained";
}
