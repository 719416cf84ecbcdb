package io.channelmind.optimizer.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code cm.deliveries} payload, schema version 1: one step in the life of a message that
 * automation-service sent. This service reads only the fields it needs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(
        int schemaVersion,
        String eventId,
        String profileKey,
        String channel,
        String status,
        String at) {

    /** The status of a loaded open pixel. */
    public static final String OPENED = "opened";

    /** The status of a followed click link. */
    public static final String CLICKED = "clicked";

    /** Returns true when the event has schema version 1, an event id, a profile key and a channel. */
    public boolean isApplicable() {
        return schemaVersion == Topics.SCHEMA_VERSION
                && eventId != null && !eventId.isBlank()
                && profileKey != null && !profileKey.isBlank()
                && channel != null && !channel.isBlank();
    }

    /** Returns true for an open or a click, the statuses that count as a response. */
    public boolean isResponse() {
        return OPENED.equals(status) || CLICKED.equals(status);
    }
}
