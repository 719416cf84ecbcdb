package io.channelmind.profile.rest;

import java.time.Instant;

import io.channelmind.profile.domain.Segment;

/** A segment with its current member count; {@code description} and {@code asOf} may be null. */
public record SegmentView(String name, String rule, String description, Instant asOf, long size, Instant createdAt) {

    static SegmentView from(Segment segment, long size) {
        return new SegmentView(segment.name(), segment.rule(), segment.description(), segment.asOf(), size,
                segment.createdAt());
    }
}
