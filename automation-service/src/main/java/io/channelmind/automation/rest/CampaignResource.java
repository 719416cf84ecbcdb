package io.channelmind.automation.rest;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.automation.repository.SendLedger;
import io.channelmind.automation.service.CampaignService;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Campaigns: create, read, and launch a send to a profile-service segment. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
public class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft campaign",
            description = "Without a channel, channel-optimizer recommends one at launch. The locale is en or zh-CN (default en).")
    @APIResponse(responseCode = "201", description = "Created. The Location header contains the campaign URL")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each invalid field")
    @APIResponse(responseCode = "422", description = "profile-service has no segment with the name")
    @APIResponse(responseCode = "503", description = "profile-service could not be asked about the segment")
    public Uni<Response> create(@Valid CreateCampaignRequest request) {
        requireBody(request);
        return campaigns.create(request.name(), request.segment(), request.channel(), request.locale(), request.brief())
                .map(campaign -> Response.created(URI.create("/api/v1/campaigns/" + campaign.id))
                        .entity(CampaignView.of(campaign))
                        .build());
    }

    /** Result of validating a campaign request: the segment's current member count. */
    public record ValidationView(boolean valid, String segment, int segmentMembers) {
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a campaign without creating it",
            description = "Runs the checks of POST /api/v1/campaigns, including that profile-service has the segment,"
                    + " and returns the segment's current member count.")
    @APIResponse(responseCode = "200", description = "Valid")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each invalid field")
    @APIResponse(responseCode = "422", description = "profile-service has no segment with the name")
    @APIResponse(responseCode = "503", description = "profile-service could not be asked about the segment")
    public Uni<ValidationView> validate(@Valid CreateCampaignRequest request) {
        requireBody(request);
        return campaigns.validateSegment(request.segment())
                .map(members -> new ValidationView(true, request.segment(), members));
    }

    private static void requireBody(CreateCampaignRequest request) {
        if (request == null) {
            throw Problem.of(400, "missing-body", "Missing request body")
                    .detail("Send a JSON campaign: {name, segment, channel, locale, brief: {product, offer, callToAction, url}}")
                    .error("body", null, "Send a JSON object")
                    .toException();
        }
    }

    @GET
    @Operation(summary = "List campaigns, oldest first")
    public Uni<List<CampaignView>> list() {
        return campaigns.list().map(found -> found.stream().map(CampaignView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a campaign with the counts of its latest launch",
            description = "counts describe the latest launch, and counts.processed grows while it runs. A run whose"
                    + " instance stopped reads as failed once its lease (automation.run.lease) has passed.")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    public Uni<CampaignView> get(@PathParam("id") String id) {
        return campaigns.get(id).map(CampaignView::of);
    }

    @POST
    @Path("/{id}/launch")
    @Operation(summary = "Launch a campaign, which then runs in the background",
            description = "Each recipient gets at most one message per campaign. Launching again sends only to members"
                    + " without a send and retries failed sends. Members that already have a send count as duplicates.")
    @APIResponse(responseCode = "202", description = "Launched, so the campaign is running")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "409", description = "The campaign is running")
    public Uni<Response> launch(@PathParam("id") String id) {
        return campaigns.launch(id).map(campaign -> Response.accepted(CampaignView.of(campaign)).build());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a draft or running campaign",
            description = "Members that have no message yet are skipped with reason cancelled, including members"
                    + " waiting for the end of their quiet hours. Messages already handed to the SMTP server stay"
                    + " sent. A run on another instance stops at its next heartbeat (automation.run.heartbeat-interval)."
                    + " A cancelled campaign cannot be launched again.")
    @APIResponse(responseCode = "200", description = "Cancelled; a running campaign reads cancelled at once and its"
            + " counts settle when the run stops")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "409", description = "The campaign already completed, failed or was cancelled")
    public Uni<CampaignView> cancel(@PathParam("id") String id) {
        return campaigns.cancel(id).map(CampaignView::of);
    }

    @GET
    @Path("/{id}/recipients/{profileKey}")
    @Operation(summary = "List the sends of one recipient in a campaign",
            description = "One entry per campaign step with the status (pending, sent or failed), the attempts, the"
                    + " Message-ID, when the SMTP server accepted the message, and the last error. Empty for a member"
                    + " that was skipped or not reached yet; the skip reasons are counted in the campaign's counts.")
    @APIResponse(responseCode = "200", description = "The sends, oldest first")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    public Uni<List<SendLedger.SendRecord>> recipientHistory(@PathParam("id") String id,
            @PathParam("profileKey") String profileKey) {
        return campaigns.recipientHistory(id, profileKey);
    }
}
