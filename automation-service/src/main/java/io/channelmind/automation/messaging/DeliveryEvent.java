package io.channelmind.automation.messaging;

/**
 * Payload of {@link Topics#DELIVERIES} (schema version 1): a provider accepted one message.
 * {@code eventId} is the send's idempotency key, so a republished event is applied once, and
 * {@code at} is the ISO-8601 UTC instant of acceptance.
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
    public static final String STATUS_DELIVERED = "delivered";
}
