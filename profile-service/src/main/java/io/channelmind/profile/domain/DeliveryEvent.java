package io.channelmind.profile.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One message of {@code cm.deliveries} (schemaVersion 1): a message handed to a provider for a profile. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEvent(
        Integer schemaVersion,
        String eventId,
        String profileKey,
        String campaignId,
        String channel,
        String copyId,
        String status,
        Instant at) {

    public static final String DELIVERED = "delivered";

    public boolean isComplete() {
        return notBlank(eventId) && notBlank(profileKey) && notBlank(channel);
    }

    /** Returns whether the provider accepted the message; a missing status counts as delivered. */
    public boolean isDelivered() {
        return status == null || DELIVERED.equals(status);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
