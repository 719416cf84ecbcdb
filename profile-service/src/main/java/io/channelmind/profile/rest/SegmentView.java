package io.channelmind.profile.rest;

import java.time.Instant;

import io.channelmind.profile.domain.Segment;

/**
 * A segment with its current member count. {@code kind} is {@code rule} or {@code learned}; a
 * learned segment has no {@code rule} and describes its cluster in {@code description} (English)
 * and {@code descriptionZh} (Chinese). {@code description}, {@code descriptionZh} and {@code asOf}
 * may be null.
 */
public record SegmentView(String name, String kind, String rule, String description, String descriptionZh,
        Instant asOf, long size, Instant createdAt) {

    static SegmentView from(Segment segment, long size) {
        return new SegmentView(segment.name(), segment.kind(), segment.rule(), segment.description(),
                segment.descriptionZh(), segment.asOf(), size, segment.createdAt());
    }
}
