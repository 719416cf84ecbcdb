package io.channelmind.profile.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.service.ProfileService;
import io.channelmind.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress")
public class StatsResource {

    private final ProfileService profiles;

    public StatsResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** Profile count and records consumed; the counts include duplicates and records that were skipped. */
    public record StatsView(long profiles, long eventsConsumed, long deliveriesConsumed) {
    }

    public record ImportProgressView(String importId, long eventsConsumed) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/stats")
    @Operation(summary = "Count profiles and consumed records",
            description = "eventsConsumed counts every cm.customer-events record consumed, duplicates, "
                    + "malformed records and unknown event types included; deliveriesConsumed does the same "
                    + "for cm.deliveries.")
    public Uni<StatsView> stats() {
        return Uni.combine().all()
                .unis(profiles.countProfiles(), profiles.customerEventsConsumed(), profiles.deliveriesConsumed())
                .with(StatsView::new);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/imports/{importId}/progress")
    @Operation(summary = "Count the customer events of one import consumed so far",
            description = "Counts every consumed event whose source.importId is this import, duplicates "
                    + "included, so a replayed import can count more than it sent; 0 for an unknown import. "
                    + "The count commits together with the profile updates, so when it reaches the number "
                    + "of events sent, the import is fully applied.")
    public Uni<ImportProgressView> importProgress(@PathParam("importId") String importId) {
        return profiles.importConsumed(importId).map(consumed -> new ImportProgressView(importId, consumed));
    }
}
