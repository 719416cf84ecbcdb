package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * A named group of profiles. A segment of kind {@code rule} has a rule; one of kind
 * {@code learned} is a cluster of a learned segmentation, has no rule, and has an English and a
 * Chinese description of its traits. {@code description}, {@code descriptionZh} and {@code asOf},
 * the time the rule is evaluated at (null for the service's setting or the clock), may be null.
 */
public record Segment(String name, String kind, String rule, String description, String descriptionZh, Instant asOf,
        Instant createdAt) {

    public static final String RULE = "rule";
    public static final String LEARNED = "learned";

    /** Returns a rule segment. */
    public static Segment ofRule(String name, String rule, String description, Instant asOf, Instant createdAt) {
        return new Segment(name, RULE, rule, description, null, asOf, createdAt);
    }

    public boolean isLearned() {
        return LEARNED.equals(kind);
    }
}
