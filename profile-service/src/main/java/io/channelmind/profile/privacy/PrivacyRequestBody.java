package io.channelmind.profile.privacy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The identity of the person an export or erasure is for. */
@Schema(description = "The identity of the person, as in GET /api/v1/profiles/by-identity")
public record PrivacyRequestBody(
        @Schema(description = "profileKey, userId, anonymousId, email or phone", examples = "email") String kind,
        @Schema(description = "The identity; an e-mail address or phone number in clear text is normalised and "
                + "hashed, never stored", examples = "ann@example.com") String value) {
}
