package io.channelmind.content.messaging;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code cm.deliveries} event, schema version 1. Fields this service does not use, such as
 * {@code profileKey}, are read but never logged or stored.
 *
 * @param status {@code delivered}, or the optional outcomes {@code clicked} and {@code converted}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(Integer schemaVersion, String eventId, String profileKey, String campaignId,
        String channel, String copyId, String status, String at) {

    public static final String DELIVERED = "delivered";
    public static final String CLICKED = "clicked";
    public static final String CONVERTED = "converted";

    /** Returns the outcome this event counts as, in lower case, or null for a status this service ignores. */
    public String outcome() {
        if (status == null) {
            return DELIVERED;
        }
        String value = status.strip().toLowerCase(Locale.ROOT);
        return value.equals(DELIVERED) || value.equals(CLICKED) || value.equals(CONVERTED) ? value : null;
    }
}
