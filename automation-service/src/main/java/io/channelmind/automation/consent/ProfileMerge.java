package io.channelmind.automation.consent;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One cm.profile-merged message (schema version 1) as this service reads it: profile-service merged
 * {@code mergedProfileKey} into {@code survivingProfileKey} at {@code mergedAt}.
 */
public record ProfileMerge(String eventId, String survivingProfileKey, String mergedProfileKey, Instant mergedAt) {

    /**
     * Parses a payload and throws IllegalArgumentException naming the invalid field. Unknown
     * fields are ignored, because producers add fields without raising the schema version.
     */
    public static ProfileMerge parse(String payload) {
        JsonNode event = Payloads.readVersion1(payload);

        String eventId = Payloads.required(event, "eventId", "message");
        String survivor = Payloads.required(event, "survivingProfileKey", eventId);
        String merged = Payloads.required(event, "mergedProfileKey", eventId);
        if (survivor.equals(merged)) {
            throw new IllegalArgumentException("event " + eventId
                    + ": mergedProfileKey equals survivingProfileKey, so there is nothing to merge");
        }
        Instant mergedAt = Payloads.instant(event, "mergedAt", eventId);
        return new ProfileMerge(eventId, survivor, merged, mergedAt);
    }
}
