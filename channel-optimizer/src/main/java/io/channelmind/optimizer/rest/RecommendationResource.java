package io.channelmind.optimizer.rest;

import java.util.List;

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

import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.service.RecommendationService;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Channel recommendation for a segment. */
@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Path("/channel")
    @Operation(summary = "Recommend a channel for a segment",
            description = """
                    Estimates each candidate channel's conversion rate over all profiles as the posterior \
                    mean of a Beta-Binomial model, (conversions + alpha) / (contacts + alpha + beta). The prior \
                    is Beta(2p, 2(1 - p)) with p the pooled conversion rate of all candidates: it weighs as \
                    much as the uniform Beta(1, 1), two contacts, but pulls a channel with few contacts toward \
                    the candidates' average instead of toward 50%, which is far above usual conversion rates \
                    and would let a barely tested channel beat a proven one. With no contacts on any \
                    candidate the prior is Beta(1, 1). Only a channel on which at least one segment member \
                    was contacted can win; the highest posterior mean wins, ties go to the channel that \
                    reached more members, then to the first name alphabetically. A segment with no known \
                    members is a 404 problem (segment-not-found) unless fallback=true, which lets all profiles \
                    decide (basis all-profiles). When no member was contacted on a candidate channel, all \
                    profiles decide as well, and the reason states it.""")
    @APIResponse(responseCode = "200", description = "The recommended channel, the reason and the numbers")
    @APIResponse(responseCode = "400", description = "'segment' is missing or blank, or a candidate is not a known"
            + " channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "The segment has no known members and fallback is not true"
            + " (problem type segment-not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "No channel data yet, or no candidate channel has a contact"
            + " (problem type no-channel-data)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ChannelRecommendation> recommend(
            @Parameter(description = "Segment to reach", required = true) @QueryParam("segment") String segment,
            @Parameter(description = "Channels to choose from, comma-separated; every known channel when left out")
            @QueryParam("candidates") List<String> candidates,
            @Parameter(description = "When true, all profiles decide for a segment without known members,"
                    + " which otherwise returns 404") @QueryParam("fallback") boolean fallback) {
        String checkedSegment = QueryParameters.required("segment", segment, "young-adults");
        List<String> checkedCandidates = QueryParameters.list("candidates", candidates, "email,sms");

        return recommendations.recommend(checkedSegment, checkedCandidates, fallback);
    }
}
