package io.channelmind.profile.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

import jakarta.validation.constraints.Pattern;
import java.time.Instant;

import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/segments}. */
public record SegmentRequest(
        @NotBlank(message = "Give the segment a name, for example 'active-email'")
        @Pattern(regexp = SegmentRequest.NAME_PATTERN, message = "Use 1 to 63 lower-case letters, digits and "
                + "hyphens, starting with a letter or digit (" + SegmentRequest.NAME_PATTERN + ")")
        String name,
        @NotBlank(message = "Give the rule, for example 'conversions = 0 and hasEmail = true'")
        @Size(max = SegmentRequest.MAX_RULE_LENGTH, message = "Keep the rule at most {max} characters long")
        String rule,
        @Size(max = SegmentRequest.MAX_DESCRIPTION_LENGTH, message = "Keep the description at most {max} characters long")
        String description,
        Instant asOf) {

    static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    static final int MAX_RULE_LENGTH = 2000;
    static final int MAX_DESCRIPTION_LENGTH = 1000;
}
