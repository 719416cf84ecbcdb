package io.channelmind.profile.domain;

/** The result of evaluating a stored segment over all profiles: entries and exits published, and the new size. */
public record SegmentEvaluation(String segment, long entered, long exited, long size) {
}
