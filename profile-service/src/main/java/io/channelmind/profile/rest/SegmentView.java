package io.channelmind.profile.rest;

import java.time.Instant;

import io.channelmind.profile.domain.Segment;

/** A segment with its current member count; {@code description} may be null. */
public record SegmentView(String name, String rule, String description, long size, Instant createdAt) {

    static SegmentView from(Segment segment, long size) {
        return new SegmentView(segment.name(), segment.rule(), segment.description(), size, segment.createdAt());
    }
}
