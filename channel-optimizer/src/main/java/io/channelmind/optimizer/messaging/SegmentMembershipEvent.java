package io.channelmind.optimizer.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A {@code cm.segment-membership} payload, schema version 1: a profile entered or left a segment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentMembershipEvent(
        int schemaVersion,
        String eventId,
        String segment,
        String profileKey,
        Boolean member,
        String at) {

    /** Returns true when the event has schema version 1 and every field needed to apply the change. */
    public boolean isApplicable() {
        return schemaVersion == Topics.SCHEMA_VERSION
                && eventId != null && !eventId.isBlank()
                && segment != null && !segment.isBlank()
                && profileKey != null && !profileKey.isBlank()
                && member != null;
    }
}
