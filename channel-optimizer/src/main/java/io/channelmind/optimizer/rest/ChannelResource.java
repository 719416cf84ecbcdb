package io.channelmind.optimizer.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.domain.PerformanceReport;
import io.channelmind.optimizer.service.PerformanceService;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Per-channel performance. */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ChannelResource {

    private final PerformanceService performance;

    public ChannelResource(PerformanceService performance) {
        this.performance = performance;
    }

    @GET
    @Path("/performance")
    @Operation(summary = "Performance per channel",
            description = """
                    One row per channel named by a customer event or spend row, sorted by channel. \
                    contacts counts contact events, reached the distinct profiles contacted, conversions \
                    the conversion events credited to the channel; conversionRate is conversions / contacts \
                    and costPerConversion is cost / conversions. A zero denominator gives null. With \
                    'segment', contacts, reached, conversions and value count only the segment's current \
                    members, but cost stays channel-wide, because spend is reported per channel and day, \
                    not per profile.""")
    @APIResponse(responseCode = "200", description = "The performance table")
    @APIResponse(responseCode = "400", description = "'segment' is blank",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<PerformanceReport> performance(
            @Parameter(description = "Limit the counts to the current members of this segment")
            @QueryParam("segment") String segment) {
        return performance.report(QueryParameters.optional("segment", segment, "young-adults"));
    }
}
