package io.channelmind.automation.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Calls content-service. Only connection failures are retried (twice), because a request that
 * reached the service may have generated and stored copy. Timeouts are the
 * {@code quarkus.rest-client.content-service.*-timeout} settings. Failures arrive as
 * {@link DependencyException}.
 */
@ApplicationScoped
public class ContentGateway {

    static final String SERVICE = "content-service";
    private static final String OPERATION = "POST /api/v1/copy";

    private final ContentClient client;

    public ContentGateway(@RestClient ContentClient client) {
        this.client = client;
    }

    /** Returns generated copy; a response without a copy id or body is a failure. */
    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<ContentClient.Copy> generate(ContentClient.CopyRequest request) {
        return client.generate(request)
                .onFailure().transform(failure -> DependencyException.of(SERVICE, OPERATION, failure))
                .invoke(copy -> {
                    if (copy == null || copy.copyId() == null || copy.body() == null) {
                        throw DependencyException.invalidResponse(SERVICE, OPERATION, "the field 'copyId' or 'body' is missing");
                    }
                });
    }

    /** Returns the approved variants of a content campaign on one channel, oldest first; possibly none. */
    @Retry(maxRetries = 2, delay = 500, jitter = 200)
    @RetryWhen(exception = ConnectionFailure.class)
    @BeforeRetry(RetryLogger.class)
    public Uni<List<ContentClient.Variant>> approvedVariants(String campaign, String segment, String channel) {
        String operation = "GET /api/v1/copy?campaign=" + campaign + "&channel=" + channel;
        return client.variants(campaign, segment, channel)
                .onFailure().transform(failure -> DependencyException.of(SERVICE, operation, failure))
                .map(variants -> variants == null ? List.<ContentClient.Variant>of()
                        : variants.stream().filter(variant -> variant.approved() && variant.body() != null).toList());
    }
}
