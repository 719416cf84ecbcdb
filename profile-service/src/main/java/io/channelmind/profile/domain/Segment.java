package io.channelmind.profile.domain;

import java.time.Instant;

/** A named rule over profiles; {@code description} may be null. */
public record Segment(String name, String rule, String description, Instant createdAt) {
}
