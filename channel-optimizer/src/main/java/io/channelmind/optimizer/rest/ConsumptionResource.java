package io.channelmind.optimizer.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.domain.TopicCounter;
import io.channelmind.optimizer.messaging.Topics;
import io.channelmind.optimizer.repository.ConsumptionRepository;
import io.channelmind.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** How far this service has consumed: per import and overall. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption")
public class ConsumptionResource {

    private final ConsumptionRepository consumption;

    public ConsumptionResource(ConsumptionRepository consumption) {
        this.consumption = consumption;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/imports/{importId}/progress")
    @Operation(summary = "Events consumed from one import",
            description = "Counts the cm.customer-events and cm.spend events whose source.importId is this import,"
                    + " duplicates included, so a caller can wait until the count reaches the number of events"
                    + " the import published. An unknown import has 0.")
    public Uni<ImportProgressView> importProgress(@PathParam("importId") String importId) {
        return Panache.withSession(() -> consumption.importEventsConsumed(importId))
                .map(count -> new ImportProgressView(importId, count));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/stats")
    @Operation(summary = "Customer events consumed and profiles seen")
    public Uni<ConsumptionStats> stats() {
        return Panache.withSession(() -> consumption.topicCounter(Topics.CUSTOMER_EVENTS)
                .chain(counter -> consumption.countProfiles().map(profiles -> ConsumptionStats.of(counter, profiles))));
    }

    /** Progress of one import. */
    public record ImportProgressView(
            String importId,
            @Schema(description = "Events consumed from the import, duplicates included") long eventsConsumed) {
    }

    /** Overall consumption of cm.customer-events. */
    public record ConsumptionStats(
            @Schema(description = "Records consumed from cm.customer-events, duplicates and unreadable records"
                    + " included") long eventsConsumed,
            @Schema(description = "Events that changed the data: consumed minus duplicates and skipped records")
            long eventsApplied,
            @Schema(description = "Distinct profile keys seen on customer events") long profiles) {

        static ConsumptionStats of(TopicCounter counter, long profiles) {
            return counter == null
                    ? new ConsumptionStats(0, 0, profiles)
                    : new ConsumptionStats(counter.eventsConsumed, counter.eventsApplied, profiles);
        }
    }
}
