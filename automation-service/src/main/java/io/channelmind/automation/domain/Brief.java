package io.channelmind.automation.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Facts about the promoted product, which content-service writes the campaign copy from. */
public record Brief(
        @NotBlank(message = "must name the product or service that the campaign promotes")
        @Size(max = 200, message = "must be at most 200 characters")
        String product,
        @Size(max = 500, message = "must be at most 500 characters")
        String offer,
        @Size(max = 100, message = "must be at most 100 characters")
        String callToAction,
        @Pattern(regexp = "https?://\\S+", message = "must be an absolute http or https URL such as https://example.com/offer")
        @Size(max = 2000, message = "must be at most 2000 characters")
        String url) {
}
