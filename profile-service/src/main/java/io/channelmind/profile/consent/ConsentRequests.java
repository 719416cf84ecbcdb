package io.channelmind.profile.consent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the consent API. */
public final class ConsentRequests {

    private ConsentRequests() {
    }

    /** A consent change for one channel and purpose. */
    public record ConsentChange(
            @Schema(description = "granted or withdrawn", examples = "granted") String state,
            @Schema(description = "With state granted: true stores the consent as pending and returns a confirmation "
                    + "token to send to the customer; false or missing confirms it at once") Boolean doubleOptIn,
            @Schema(description = "Who made the change: a user name or a system", examples = "crm-sync") String actor,
            @Schema(description = "Optional reason or source, at most 500 characters") String note) {
    }

    /** A manual do-not-contact mark. */
    public record DoNotContactChange(
            @Schema(description = "unsubscribed, bounced, complained or manual", examples = "manual") String reason,
            @Schema(description = "Who set the mark", examples = "support:ana") String actor,
            @Schema(description = "Optional reason or source, at most 500 characters") String note) {
    }

    /** A double opt-in confirmation. */
    public record Confirmation(@Schema(description = "The token returned when the consent was requested") String token) {
    }
}
