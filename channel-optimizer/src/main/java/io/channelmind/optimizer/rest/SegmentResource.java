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

import io.channelmind.optimizer.repository.SegmentMemberRepository;
import io.channelmind.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** This service's view of a segment, built from cm.segment-membership. */
@Path("/api/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments")
public class SegmentResource {

    private final SegmentMemberRepository members;

    public SegmentResource(SegmentMemberRepository members) {
        this.members = members;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{name}")
    @Operation(summary = "Number of members of a segment",
            description = "Counts the members this service has consumed from cm.segment-membership; an unknown"
                    + " segment has 0 members.")
    public Uni<SegmentSize> segment(@PathParam("name") String name) {
        return Panache.withSession(() -> members.countMembers(name))
                .map(count -> new SegmentSize(name, count));
    }

    /** Size of a segment. */
    public record SegmentSize(String name, @Schema(description = "Current members; 0 when unknown") long members) {
    }
}
