package io.channelmind.automation.journey;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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

import io.channelmind.security.Roles;
import io.channelmind.web.Problem;

/** Recurring campaigns: a cron schedule in a time zone that launches a campaign once per occurrence. */
@Path("/api/v1/recurring-campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recurring campaigns")
public class RecurringCampaignResource {

    private final RecurringCampaigns recurring;

    public RecurringCampaignResource(RecurringCampaigns recurring) {
        this.recurring = recurring;
    }

    @Schema(description = "A schedule: the campaign to launch, a five-field Unix cron expression and an IANA time zone")
    public record CreateSchedule(UUID campaignId, @Schema(examples = "0 9 * * MON") String cron,
            @Schema(examples = "Europe/Paris") String zone) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a recurring schedule for a campaign")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecurringCampaigns.Schedule.class)))
    @APIResponse(responseCode = "400", description = "Invalid cron expression or zone, as problem details")
    public Response create(CreateSchedule request) {
        if (request == null) {
            throw Problem.of(400, "missing-body", "Missing request body")
                    .error("body", null, "send {campaignId, cron, zone}").toException();
        }
        RecurringCampaigns.Schedule schedule = recurring.create(request.campaignId(), request.cron(), request.zone());
        return Response.created(URI.create("/api/v1/recurring-campaigns/" + schedule.id())).entity(schedule).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List recurring schedules")
    public List<RecurringCampaigns.Schedule> list() {
        return recurring.list();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/occurrences")
    @Operation(summary = "List the occurrences fired so far, as local date-time and zone keys")
    public List<String> occurrences(@PathParam("id") UUID id) {
        return recurring.occurrences(id);
    }
}
