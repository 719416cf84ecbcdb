package io.channelmind.automation.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Calls profile-service. Connection failures are retried twice, and timeouts are the
 * {@code quarkus.rest-client.profile-service.*-timeout} settings. Failures arrive as
 * {@link DependencyException}.
 */
@ApplicationScoped
public class ProfileGateway {

    static final String SERVICE = "profile-service";

    private final ProfileClient client;

    public ProfileGateway(@RestClient ProfileClient client) {
        this.client = client;
    }

    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<ProfileClient.Segment> segment(String name) {
        return client.segment(name)
                .onFailure().transform(failure -> DependencyException.of(SERVICE, "GET /api/v1/segments/" + name, failure));
    }

    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<ProfileClient.MembersPage> members(String segment, String after, int limit) {
        return client.members(segment, after, limit)
                .onFailure().transform(failure -> DependencyException.of(SERVICE,
                        "GET /api/v1/segments/" + segment + "/members", failure));
    }
}
