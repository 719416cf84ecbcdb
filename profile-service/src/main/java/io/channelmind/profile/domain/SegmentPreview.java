package io.channelmind.profile.domain;

import java.util.List;

/** The profiles a rule selects now: their number and the first keys in key order. */
public record SegmentPreview(long count, List<String> sample) {
}
