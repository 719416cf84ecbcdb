package io.channelmind.automation.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.automation.feedback.ComplaintService.ComplaintReport;
import io.channelmind.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The endpoint that feedback-loop processors and SMS or webhook providers post complaints to.
 *
 * <p>Callers need a bearer token: campaign managers and admins, or a processor with a
 * {@code service} token. NOTE: providers that can only sign their webhooks, not send a bearer
 * token, cannot post here yet.
 */
@Path("/api/v1/feedback/complaints")
@Tag(name = "feedback")
public class ComplaintResource {

    private final ComplaintService complaints;

    public ComplaintResource(ComplaintService complaints) {
        this.complaints = complaints;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.SERVICE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a spam complaint",
            description = "Takes the relevant fields of an ARF report (RFC 5965: feedbackType, originalMessageId) or"
                    + " of a provider webhook (channel and providerMessageId, or the send's idempotencyKey). The"
                    + " send's address goes on the do-not-contact list of its channel and a complained event goes"
                    + " to cm.deliveries. A repeated report blocks nothing new and republishes the event under the same eventId.")
    @APIResponse(responseCode = "202", description = "The complaint is recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ComplaintService.RecordedComplaint.class)))
    @APIResponse(responseCode = "400", description = "No identifier, or a feedbackType that is not a complaint")
    @APIResponse(responseCode = "404", description = "No message sent by this service matches")
    public Uni<Response> complain(ComplaintReport report) {
        return complaints.record(report).map(recorded -> Response.accepted(recorded).build());
    }
}
