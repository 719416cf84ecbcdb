package io.channelmind.content.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code cm.deliveries} event, schema version 1. Fields this service does not use, such as
 * {@code profileKey}, are read but never logged or stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(Integer schemaVersion, String eventId, String profileKey, String campaignId,
        String channel, String copyId, String status, String at) {

    public static final String DELIVERED = "delivered";
}
