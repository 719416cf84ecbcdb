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
    public Uni<Response> create(@Valid CreateCampaignRequest request) {
        if (request == null) {
            throw Problem.of(400, "missing-body", "Missing request body")
                    .detail("Send a JSON campaign: {name, segment, channel, locale, brief: {product, offer, callToAction, url}}")
                    .error("body", null, "Send a JSON object")
                    .toException();
        }
        return campaigns.create(request.name(), request.segment(), request.channel(), request.locale(), request.brief())
                .map(campaign -> Response.created(URI.create("/api/v1/campaigns/" + campaign.id))
                        .entity(CampaignView.of(campaign))
                        .build());
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
}
