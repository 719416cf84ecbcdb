package io.channelmind.optimizer.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.domain.BanditRecommendation;
import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.service.BanditRecommendationService;
import io.channelmind.optimizer.service.RecommendationService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Channel recommendation for a segment or a profile. */
@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class RecommendationResource {

    private static final String BANDIT_DESCRIPTION = """
             Each candidate channel gets a Beta prior centred on its predicted response (the newest \
            response model's prediction, averaged over a segment's members; for a channel no model \
            covers, the channel's pooled posterior mean over all profiles) and worth 10 contacts, updated \
            with the audience's own contacts and conversions. Thompson sampling draws one rate per channel \
            and the highest wins, except that with probability explorationShare (default 0.1) a candidate \
            drawn uniformly at random wins, so every channel keeps being tried. The draws use one seeded \
            generator: the same seed and data give the same recommendation. The reason is given in English and \
            Simplified Chinese.""";

    private final RecommendationService recommendations;
    private final BanditRecommendationService bandit;

    public RecommendationResource(RecommendationService recommendations, BanditRecommendationService bandit) {
        this.recommendations = recommendations;
        this.bandit = bandit;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
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
                    profiles decide as well, and the reason states it. With the segment as basis, the reason \
                    also names the part of the day in which the members respond on the chosen channel, when at \
                    least 5 of their opens, clicks and conversions there have a known part and one part holds \
                    at least half of them.""")
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

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
    @GET
    @Path("/profiles/{profileKey}/channel")
    @Operation(summary = "Recommend a channel for one profile, exploring with a bandit",
            description = "Predicts the profile's response from the traits of its identify events." + BANDIT_DESCRIPTION
                    + " With 'segment', the reason compares the profile with the segment's observed rate on the"
                    + " channel, otherwise with all profiles'. Without 'seed', the seed is derived from the profile"
                    + " key and its number of contacts, so the recommendation is stable until the profile is contacted again.")
    @APIResponse(responseCode = "200", description = "The recommended channel, the decision and the reasons")
    @APIResponse(responseCode = "400", description = "A candidate is not a known channel, or explorationShare or"
            + " seed is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No customer event named the profile (problem type"
            + " profile-not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "No channel data yet (problem type no-channel-data)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<BanditRecommendation> recommendForProfile(
            @Parameter(description = "Profile key, such as bank-marketing:row-17") @PathParam("profileKey")
            String profileKey,
            @Parameter(description = "Segment to compare the profile with") @QueryParam("segment") String segment,
            @Parameter(description = "Channels to choose from, comma-separated; every known channel when left out")
            @QueryParam("candidates") List<String> candidates,
            @Parameter(description = "Share of recommendations drawn at random, 0 to 1; default 0.1")
            @QueryParam("explorationShare") String explorationShare,
            @Parameter(description = "Seed of the random draws, a whole number") @QueryParam("seed") String seed) {
        return bandit.forProfile(profileKey,
                QueryParameters.optional("segment", segment, "young-adults"),
                QueryParameters.list("candidates", candidates, "email,sms"),
                BanditParameters.explorationShare(explorationShare),
                BanditParameters.seed(seed));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/segments/{segment}/channel")
    @Operation(summary = "Recommend a channel for a segment, exploring with a bandit",
            description = "Predicts the response of the segment's members (the mean over at most 5,000 members)."
                    + BANDIT_DESCRIPTION + " Without 'seed', the seed is derived from the segment name and its"
                    + " members' number of contacts. The existing GET /channel?segment= stays the"
                    + " deterministic choice by posterior mean.")
    @APIResponse(responseCode = "200", description = "The recommended channel, the decision and the reasons")
    @APIResponse(responseCode = "400", description = "A candidate is not a known channel, or explorationShare or"
            + " seed is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "The segment has no known members (problem type"
            + " segment-not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "No channel data yet (problem type no-channel-data)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<BanditRecommendation> recommendForSegment(
            @Parameter(description = "Segment to reach") @PathParam("segment") String segment,
            @Parameter(description = "Channels to choose from, comma-separated; every known channel when left out")
            @QueryParam("candidates") List<String> candidates,
            @Parameter(description = "Share of recommendations drawn at random, 0 to 1; default 0.1")
            @QueryParam("explorationShare") String explorationShare,
            @Parameter(description = "Seed of the random draws, a whole number") @QueryParam("seed") String seed) {
        return bandit.forSegment(segment,
                QueryParameters.list("candidates", candidates, "email,sms"),
                BanditParameters.explorationShare(explorationShare),
                BanditParameters.seed(seed));
    }
}
