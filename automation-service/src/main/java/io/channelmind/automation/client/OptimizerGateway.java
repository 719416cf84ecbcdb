package io.channelmind.automation.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Calls channel-optimizer. Connection failures are retried twice, and timeouts are the
 * {@code quarkus.rest-client.channel-optimizer.*-timeout} settings. Failures arrive as
 * {@link DependencyException}.
 */
@ApplicationScoped
public class OptimizerGateway {

    static final String SERVICE = "channel-optimizer";

    private final OptimizerClient client;

    public OptimizerGateway(@RestClient OptimizerClient client) {
        this.client = client;
    }

    /** Returns the recommended channel for the segment; a response without a channel is a failure. */
    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<OptimizerClient.ChannelRecommendation> recommendChannel(String segment) {
        String operation = "GET /api/v1/recommendations/channel?segment=" + segment;
        return client.recommendChannel(segment)
                .onFailure().transform(failure -> DependencyException.of(SERVICE, operation, failure))
                .invoke(recommendation -> {
                    if (recommendation == null || recommendation.channel() == null || recommendation.channel().isBlank()) {
                        throw DependencyException.invalidResponse(SERVICE, operation, "the field 'channel' is missing");
                    }
                });
    }

    /**
     * Returns the channel recommended for one profile out of {@code candidates}; a response without
     * a channel, or with a channel that is not a candidate, is a failure.
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<OptimizerClient.ChannelRecommendation> recommendForProfile(String profileKey, List<String> candidates) {
        String joined = String.join(",", candidates);
        String operation = "GET /api/v1/recommendations/profiles/" + profileKey + "/channel?candidates=" + joined;
        return client.recommendForProfile(profileKey, joined)
                .onFailure().transform(failure -> DependencyException.of(SERVICE, operation, failure))
                .invoke(recommendation -> {
                    if (recommendation == null || recommendation.channel() == null
                            || !candidates.contains(recommendation.channel())) {
                        throw DependencyException.invalidResponse(SERVICE, operation,
                                "the field 'channel' is missing or not one of " + candidates);
                    }
                });
    }
}
