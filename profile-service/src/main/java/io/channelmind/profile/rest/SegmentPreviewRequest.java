package io.channelmind.profile.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/segments/preview}; {@code asOf} and {@code sampleSize} are optional. */
public record SegmentPreviewRequest(
        @NotBlank(message = "Give the rule, for example 'conversions = 0 and hasEmail = true'")
        @Size(max = SegmentRequest.MAX_RULE_LENGTH, message = "Keep the rule at most {max} characters long")
        String rule,
        Instant asOf,
        @Min(value = 0, message = "Use a sample size of 0 to " + SegmentPreviewRequest.MAX_SAMPLE)
        @Max(value = SegmentPreviewRequest.MAX_SAMPLE, message = "Use a sample size of 0 to {value}")
        Integer sampleSize) {

    static final int DEFAULT_SAMPLE = 10;
    static final int MAX_SAMPLE = 100;
}
