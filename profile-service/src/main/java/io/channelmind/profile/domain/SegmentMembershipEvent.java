package io.channelmind.profile.domain;

import java.time.Instant;
import java.util.UUID;

/** One message of {@code cm.segment-membership} (schemaVersion 1): a profile entered or left a segment. */
public record SegmentMembershipEvent(
        int schemaVersion,
        String eventId,
        String segment,
        String profileKey,
        boolean member,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;

    /** Creates the event for a membership change with a new random event id. */
    public static SegmentMembershipEvent of(String segment, String profileKey, boolean member, Instant at) {
        return new SegmentMembershipEvent(SCHEMA_VERSION, UUID.randomUUID().toString(), segment, profileKey, member, at);
    }
}
