package io.channelmind.automation.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.automation.domain.SendWindow;
import io.channelmind.automation.repository.SendLedger;
import io.channelmind.automation.service.CampaignService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Campaigns: create, read, launch, schedule, pause, resume and cancel a send to a profile-service segment. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
public class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft campaign",
            description = "Without a channel, channel-optimizer recommends one at launch. The locale is en or zh-CN"
                    + " (default en). The optional send window limits sends to a daily period, in a fixed zone or in"
                    + " each recipient's own zone, on top of the quiet hours.")
    @APIResponse(responseCode = "201", description = "Created. The Location header contains the campaign URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each invalid field")
    @APIResponse(responseCode = "422", description = "profile-service has no segment with the name")
    @APIResponse(responseCode = "503", description = "profile-service could not be asked about the segment")
    public Uni<Response> create(@Valid CreateCampaignRequest request) {
        requireBody(request);
        SendWindow window = request.sendWindow() == null ? null : request.sendWindow().toSendWindow("sendWindow");
        return campaigns.create(request.name(), request.segment(), request.channel(), request.locale(), request.brief(),
                window)
                .map(campaign -> Response.created(URI.create("/api/v1/campaigns/" + campaign.id))
                        .entity(CampaignView.of(campaign, 0))
                        .build());
    }

    /** Result of validating a campaign request: the segment's current member count. */
    public record ValidationView(boolean valid, String segment, int segmentMembers) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
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

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List campaigns, oldest first")
    public Uni<List<CampaignView>> list() {
        return campaigns.list().map(found -> found.stream().map(state -> CampaignView.of(state)).toList());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a campaign with the counts of its sends",
            description = "counts.processed grows while the campaign runs, and counts.pending is the number of"
                    + " members whose send has not reached a final state. The campaign is completed only when none"
                    + " is pending. A launch whose instance stopped is taken over by another instance once its lease"
                    + " (automation.run.lease) has passed.")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    public Uni<CampaignView> get(@PathParam("id") String id) {
        return campaigns.get(id).map(CampaignView::of);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/launch")
    @Operation(summary = "Launch a campaign, which then runs in the background",
            description = "The launch reads the segment and writes one send per member into the send outbox, which"
                    + " the instances drain. Each recipient gets one message per campaign. Launching a completed or"
                    + " failed campaign again retries its failed sends and adds members that have no send yet.")
    @APIResponse(responseCode = "202", description = "Launched, so the campaign is running",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "422", description = "The campaign is running, paused or cancelled; the problem's"
            + " campaignStatus names the status")
    public Uni<Response> launch(@PathParam("id") String id) {
        return campaigns.launch(id).map(campaign -> Response.accepted(CampaignView.of(campaign)).build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a draft campaign to launch at a start time",
            description = "The campaign is scheduled until startAt, when an instance launches it. Scheduling a"
                    + " scheduled campaign again moves its start time. A send window in the body replaces the"
                    + " campaign's window.")
    @APIResponse(responseCode = "200", description = "Scheduled")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each invalid field")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "422", description = "The start time has passed, or the campaign is neither a draft"
            + " nor scheduled")
    public Uni<CampaignView> schedule(@PathParam("id") String id, @Valid ScheduleRequest request) {
        if (request == null) {
            throw Problem.of(400, "missing-body", "Missing request body")
                    .detail("Send a JSON object {startAt, sendWindow: {start, end, zone}}; sendWindow is optional")
                    .error("body", null, "Send a JSON object with startAt")
                    .toException();
        }
        SendWindow window = request.sendWindow() == null ? null : request.sendWindow().toSendWindow("sendWindow");
        return campaigns.schedule(id, request.startAt(), window).map(CampaignView::of);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running campaign",
            description = "The instances stop taking its pending sends; sends already being handed to the SMTP"
                    + " server finish. Quiet hours and the send window still apply after a resume.")
    @APIResponse(responseCode = "200", description = "Paused")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "422", description = "The campaign is not running; the problem names its status")
    public Uni<CampaignView> pause(@PathParam("id") String id) {
        return campaigns.pause(id).map(CampaignView::of);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused campaign", description = "Its pending sends are due again at once.")
    @APIResponse(responseCode = "200", description = "Running again")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "422", description = "The campaign is not paused; the problem names its status")
    public Uni<CampaignView> resume(@PathParam("id") String id) {
        return campaigns.resume(id).map(CampaignView::of);
    }

    /** Sends of a campaign by state, read from the send table. */
    public record StatisticsView(String id, String status, int audience, int duplicates, int pending, int waiting,
            int inFlight, Instant nextDue, int sent, int failed, Map<String, Integer> skipped) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/statistics")
    @Operation(summary = "Count a campaign's sends by state",
            description = "pending are sends without a final state: waiting are due later (quiet hours or the send"
                    + " window), inFlight are held by an instance now, and nextDue is the earliest due time."
                    + " skipped maps each skip reason to its count.")
    @APIResponse(responseCode = "200", description = "The counts")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    public Uni<StatisticsView> statistics(@PathParam("id") String id) {
        return campaigns.get(id).map(state -> {
            SendLedger.Tally tally = state.tally();
            return new StatisticsView(id, state.campaign().status.wireName(), state.campaign().counts.audience(),
                    state.campaign().counts.duplicates(), tally.pending(), tally.waiting(), tally.inFlight(),
                    tally.nextDue(), tally.sent(), tally.failed(), tally.skipped());
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a draft, scheduled, running or paused campaign",
            description = "Pending sends are skipped with reason cancelled, including sends waiting for quiet hours"
                    + " or the send window. A send that an instance is handing to the SMTP server at that moment"
                    + " finishes. A launch that is still reading the segment stops at its next heartbeat"
                    + " (automation.run.heartbeat-interval). A cancelled campaign cannot be launched again.")
    @APIResponse(responseCode = "200", description = "Cancelled; a running campaign reads cancelled at once and its"
            + " counts settle when the sends in flight finish")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    @APIResponse(responseCode = "422", description = "The campaign already completed, failed or was cancelled")
    public Uni<CampaignView> cancel(@PathParam("id") String id) {
        return campaigns.cancel(id).map(CampaignView::of);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{id}/recipients/{profileKey}")
    @Operation(summary = "List the sends of one recipient in a campaign",
            description = "One entry per campaign step with the status (pending, sent, skipped or failed), the skip"
                    + " reason, the claims so far (attempts), the Message-ID, when the send is due, when the SMTP"
                    + " server accepted the message, and the last error. Empty for a member that the launch has not"
                    + " reached yet and for a member left out because another profile has the same address.")
    @APIResponse(responseCode = "200", description = "The sends, oldest first")
    @APIResponse(responseCode = "404", description = "No campaign has the id")
    public Uni<List<SendLedger.SendRecord>> recipientHistory(@PathParam("id") String id,
            @PathParam("profileKey") String profileKey) {
        return campaigns.recipientHistory(id, profileKey);
    }
}
