package io.channelmind.profile.consent;

import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.consent.ConsentRequests.Confirmation;
import io.channelmind.profile.consent.ConsentRequests.ConsentChange;
import io.channelmind.profile.consent.ConsentRequests.DoNotContactChange;
import io.channelmind.profile.service.ProfileService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

// Under /api/v1/privacy rather than /api/v1/profiles: JAX-RS matches the root resource with the
// longest path first, so a second class under /api/v1/profiles would be shadowed by ProfileResource.
@Path("/api/v1/privacy/consent")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
public class ConsentResource {

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_TEXT = 500;

    private final ConsentService service;

    public ConsentResource(ConsentService service) {
        this.service = service;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{profileKey}")
    @Operation(summary = "Read a profile's consent per channel and purpose, with the history of API changes")
    public Uni<ConsentService.PurposesView> purposes(@PathParam("profileKey") String profileKey) {
        return service.purposes(profileKey);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @PUT
    @Path("/{profileKey}/{channel}/{purpose}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant or withdraw consent for one channel and purpose",
            description = "purpose is marketing, transactional or profiling. With state granted and doubleOptIn true "
                    + "the consent is pending and the response has a confirmationToken for "
                    + "POST /api/v1/privacy/consent/confirmations; otherwise it is confirmed or withdrawn at once.")
    public Uni<ConsentService.ConsentResult> change(@PathParam("profileKey") String profileKey,
            @PathParam("channel") String channel, @PathParam("purpose") String purpose, ConsentChange body) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw invalid("channel", channel, "Use a lower-case channel name such as email or sms");
        }
        if (!ConsentState.PURPOSES.contains(purpose)) {
            throw invalid("purpose", purpose, "Use one of " + String.join(", ", ConsentState.PURPOSES));
        }
        ConsentChange change = body == null ? new ConsentChange(null, null, null, null) : body;
        if (!"granted".equals(change.state()) && !"withdrawn".equals(change.state())) {
            throw invalid("state", change.state(), "Use granted or withdrawn");
        }
        if (Boolean.TRUE.equals(change.doubleOptIn()) && !"granted".equals(change.state())) {
            throw invalid("doubleOptIn", true, "Set doubleOptIn only with state granted");
        }
        validateActorAndNote(change.actor(), change.note());
        return service.change(profileKey, channel, purpose, change.state(), Boolean.TRUE.equals(change.doubleOptIn()),
                change.actor().strip(), change.note());
    }

    @PermitAll
    @POST
    @Path("/confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a pending consent with its double opt-in token",
            description = "The token is signed and names the profile, channel, purpose and request time; it is valid "
                    + "for channelmind.consent.token-lifetime and only for the latest request of that consent.")
    public Uni<ConsentService.ConsentResult> confirm(Confirmation body) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            throw invalid("token", null, "Send {\"token\": \"...\"} with the confirmationToken of the consent request");
        }
        return service.confirm(body.token().strip());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @PUT
    @Path("/{profileKey}/do-not-contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a profile as not to be contacted, with a reason, the actor and a note")
    public Uni<ProfileService.ConsentView> markDoNotContact(@PathParam("profileKey") String profileKey,
            DoNotContactChange body) {
        DoNotContactChange change = body == null ? new DoNotContactChange(null, null, null) : body;
        // List.of(...).contains(null) throws, so a missing reason is checked first.
        if (change.reason() == null || !ConsentState.DO_NOT_CONTACT_REASONS.contains(change.reason())) {
            throw invalid("reason", change.reason(), "Use one of " + String.join(", ", ConsentState.DO_NOT_CONTACT_REASONS));
        }
        validateActorAndNote(change.actor(), change.note());
        return service.markDoNotContact(profileKey, change.reason(), change.actor().strip(), change.note());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @DELETE
    @Path("/{profileKey}/do-not-contact")
    @Operation(summary = "Clear a profile's do-not-contact mark",
            description = "actor (required) and note (optional) are query parameters. A bounce, unsubscribe or "
                    + "complaint delivered after the clear marks the profile again.")
    public Uni<ProfileService.ConsentView> clearDoNotContact(@PathParam("profileKey") String profileKey,
            @QueryParam("actor") String actor, @QueryParam("note") String note) {
        validateActorAndNote(actor, note);
        return service.markDoNotContact(profileKey, null, actor.strip(), note);
    }

    private static void validateActorAndNote(String actor, String note) {
        if (actor == null || actor.isBlank() || actor.length() > 200) {
            throw invalid("actor", actor, "Name who makes the change (a user or system), 1 to 200 characters");
        }
        if (note != null && note.length() > MAX_TEXT) {
            throw invalid("note", note.length() + " characters", "Shorten the note to at most " + MAX_TEXT + " characters");
        }
    }

    private static RuntimeException invalid(String field, Object value, String fix) {
        return Problem.of(400, "invalid-consent-change", "Invalid consent change")
                .detail("The " + field + " is missing or invalid")
                .error(field, value, fix)
                .toException();
    }
}
