package io.channelmind.content.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.content.learning.VariantReport;
import io.channelmind.content.service.VariantService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Lists, approves and reports the copy variants of a campaign. */
@Path("/api/v1/copy")
@Tag(name = "variants")
@Produces(MediaType.APPLICATION_JSON)
public class VariantResource {

    private final VariantService service;

    public VariantResource(VariantService service) {
        this.service = service;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
    @GET
    @Operation(summary = "List the copy variants of a campaign for one channel, oldest first")
    @APIResponse(responseCode = "200", description = "The variants with their sends, clicks and conversions")
    @APIResponse(responseCode = "400", description = "campaign or channel is missing")
    public Uni<List<CopyView>> list(
            @Parameter(description = "Campaign name the copies were written for", required = true) @QueryParam("campaign") String campaign,
            @Parameter(description = "Segment name; leave out for every segment") @QueryParam("segment") String segment,
            @Parameter(description = "Channel name, such as email or sms", required = true) @QueryParam("channel") String channel) {
        checkQuery(campaign, channel);
        return service.list(campaign, blankToNull(segment), channel.strip().toLowerCase(Locale.ROOT))
                .map(variants -> variants.stream().map(CopyView::of).toList());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{copyId}/approval")
    @Operation(summary = "Approve a copy for sending and for the fine-tuning data set")
    @APIResponse(responseCode = "200", description = "The approved copy")
    @APIResponse(responseCode = "404", description = "No copy has this id")
    public Uni<CopyView> approve(@PathParam("copyId") String copyId) {
        return service.approve(copyId).map(CopyView::of);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/fine-tuning-data")
    @Produces("application/jsonl")
    @Operation(summary = "Export approved and winning copies as OpenAI chat fine-tuning data",
            description = "One JSON object a line with the messages system, user (the brief) and assistant (the copy), "
                    + "as the model saw and wrote them. A winner has a probability of converting best of at least 0.95 "
                    + "among the copies of its campaign, segment and channel.")
    @APIResponse(responseCode = "200", description = "JSONL, possibly empty")
    public Uni<String> fineTuningData() {
        return service.fineTuningData();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/performance")
    @Operation(summary = "Report each variant's Beta posterior, probability of converting best and traffic share",
            description = "Thompson sampling over the conversions counted from cm.deliveries, per campaign, channel and "
                    + "segment. The probability of being best is a Monte Carlo estimate with a fixed seed, and every variant "
                    + "keeps at least channelmind.content.bandit.min-exploration-share of the traffic.")
    @APIResponse(responseCode = "200", description = "One report per variant, oldest first")
    @APIResponse(responseCode = "400", description = "campaign or channel is missing")
    public Uni<List<VariantReport>> performance(
            @Parameter(description = "Campaign name the copies were written for", required = true) @QueryParam("campaign") String campaign,
            @Parameter(description = "Segment name; leave out to pool every segment") @QueryParam("segment") String segment,
            @Parameter(description = "Channel name, such as email or sms", required = true) @QueryParam("channel") String channel) {
        checkQuery(campaign, channel);
        return service.report(campaign, blankToNull(segment), channel.strip().toLowerCase(Locale.ROOT));
    }

    private static void checkQuery(String campaign, String channel) {
        Problem.Builder problem = Problem.of(400, "invalid-variant-query", "Invalid variant query");
        int errors = 0;
        if (campaign == null || campaign.isBlank()) {
            problem.error("campaign", campaign, "Name the campaign, for example ?campaign=spring-savings");
            errors++;
        }
        if (channel == null || channel.isBlank()) {
            problem.error("channel", channel, "Name the channel, for example &channel=email");
            errors++;
        } else if (!CopyRequestValidator.CHANNEL_NAME.matcher(channel.strip().toLowerCase(Locale.ROOT)).matches()) {
            problem.error("channel", channel, "Use a channel name of lower-case letters, digits, '-' or '_', such as "
                    + "email or sms");
            errors++;
        }
        if (errors > 0) {
            throw problem.detail(errors + " query parameter(s) are missing or invalid; see errors").toException();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
