package io.channelmind.automation.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.channelmind.security.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;

/** REST client of channel-optimizer's recommendation API. */
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterRestClient(configKey = "channel-optimizer")
@Path("/api/v1/recommendations")
public interface OptimizerClient {

    @GET
    @Path("/channel")
    Uni<ChannelRecommendation> recommendChannel(@QueryParam("segment") String segment);

    /** Recommends one of {@code candidates} (comma-separated channel names) for one profile, exploring with a bandit. */
    @GET
    @Path("/profiles/{profileKey}/channel")
    Uni<ChannelRecommendation> recommendForProfile(@PathParam("profileKey") String profileKey,
            @QueryParam("candidates") String candidates);

    /** The best channel for a segment with the reason in plain words; other response fields are ignored. */
    record ChannelRecommendation(String segment, String channel, String reason, Integer segmentMembers) {
    }
}
