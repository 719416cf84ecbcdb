package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * One message of {@code cm.profile-merged} (schemaVersion 1): the profile {@code mergedProfileKey}
 * is now part of {@code survivingProfileKey}, so consumers re-key what they hold for it. The event
 * id is derived from the causing event and the merged key, so a retried publish has the same id.
 */
public record ProfileMergedEvent(
        int schemaVersion,
        String eventId,
        String survivingProfileKey,
        String mergedProfileKey,
        String reason,
        String causeEventId,
        Instant occurredAt,
        Instant mergedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static ProfileMergedEvent of(ProfileMerge merge, Instant mergedAt) {
        return new ProfileMergedEvent(SCHEMA_VERSION, "merge:" + merge.causeEventId() + ':' + merge.mergedKey(),
                merge.survivingKey(), merge.mergedKey(), merge.reason(), merge.causeEventId(), merge.occurredAt(),
                mergedAt);
    }
}
