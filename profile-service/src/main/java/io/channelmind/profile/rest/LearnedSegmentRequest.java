package io.channelmind.profile.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/segments/learned}. {@code k} is optional: without it the
 * silhouette chooses k from 2 to 8. {@code seed} (default 42) makes the clustering repeatable and
 * {@code asOf} fixes the time recency is measured to.
 */
public record LearnedSegmentRequest(
        @NotBlank(message = "Give the segmentation a name, for example 'customer-groups'")
        @Pattern(regexp = LearnedSegmentRequest.NAME_PATTERN, message = "Use 1 to 59 lower-case letters, digits and "
                + "hyphens, starting with a letter or digit (" + LearnedSegmentRequest.NAME_PATTERN + "); its "
                + "clusters become segments named <name>-1, <name>-2 and so on")
        String name,
        @Min(value = 1, message = "Ask for at least {value} cluster")
        @Max(value = LearnedSegmentRequest.MAX_K, message = "Ask for at most {value} clusters")
        Integer k,
        Long seed,
        Instant asOf) {

    static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,58}";
    static final int MAX_K = 50;
    static final long DEFAULT_SEED = 42;
}
