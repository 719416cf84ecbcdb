package io.channelmind.ingestion.rest;

import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.security.Roles;

/**
 * The counts of the cleaning rules applied to tracking calls, with the unmapped channel values,
 * so that a user can add taxonomy rules for them. Imports report the same counts per job.
 * NOTE: the counts are kept in memory per replica since it started; with several replicas, each
 * returns its own, and the metric {@code channelmind.ingestion.tracking.cleaning} sums them.
 */
@Path("/api/v1/cleaning")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cleaning")
public class CleaningResource {

    private final TrackingCleaning cleaning;
    private final Instant startedAt = Instant.now();

    public CleaningResource(TrackingCleaning cleaning) {
        this.cleaning = cleaning;
    }

    /** Cleaning counts of the tracking calls that this replica received since {@code since}. */
    public record TrackingCleaningView(Instant since, Object counts, Object unmapped, Object listed) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/tracking")
    @Operation(summary = "Cleaning counts of tracking calls", description = "How often each cleaning rule applied "
            + "to the tracking calls this replica received since it started, and every unmapped value (such as a "
            + "utm_medium without a channel rule) with its count.")
    public TrackingCleaningView tracking() {
        Map<String, Object> stats = cleaning.stats();
        return new TrackingCleaningView(startedAt, stats.get("counts"), stats.get("unmapped"), stats.get("listed"));
    }
}
