package io.channelmind.profile.domain;

import java.time.Instant;

/**
 * A named rule over profiles. {@code description} may be null, and so may {@code asOf}, the time
 * the rule is evaluated at (null for the service's setting or the clock).
 */
public record Segment(String name, String rule, String description, Instant asOf, Instant createdAt) {
}
