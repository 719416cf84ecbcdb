package io.channelmind.automation.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.channelmind.automation.domain.Brief;

/** Body of {@code POST /api/v1/campaigns}. */
public record CreateCampaignRequest(
        @NotBlank(message = "must be a non-blank campaign name")
        @Size(max = 200, message = "must be at most 200 characters")
        String name,
        @NotBlank(message = "must name a profile-service segment, such as not-converted")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
                message = "must be a profile-service segment name: lower-case letters, digits and hyphens, at most 63 characters")
        String segment,
        @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}",
                message = "must be a lower-case channel name such as email or sms (omit it to let channel-optimizer choose)")
        String channel,
        @Pattern(regexp = "en|zh-CN", message = "must be \"en\" or \"zh-CN\" (omit it for \"en\")")
        String locale,
        @NotNull(message = "must be an object {product, offer, callToAction, url}")
        @Valid
        Brief brief,
        @Valid
        SendWindowRequest sendWindow) {
}
