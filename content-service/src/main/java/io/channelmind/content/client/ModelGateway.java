package io.channelmind.content.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;

/**
 * The model calls with fault tolerance, through the OpenAI client of quarkus-langchain4j-openai.
 * No thread waits for the model: every method returns a {@link Uni} that completes when the
 * response arrives. A chat completion has no side effect, so a failed call may be retried; a
 * rate-limited or short-circuited call is not. Every call passes through {@link #call}, so first
 * drafts and revisions share one circuit breaker, and a failing provider is left alone for
 * {@code delay} milliseconds whichever prompt failed. The rate limit protects the provider's
 * quota; a call over it fails at once with {@link RateLimitException}.
 *
 * A 429 response with {@code Retry-After} is waited out once when the wait is at most
 * {@code channelmind.content.llm.retry-after.max-wait}. A longer wait fails at once with
 * {@link RetryAfterTooLongException}, so that the copy falls back instead of waiting.
 *
 * Every value can be changed in configuration, for example
 * {@code io.channelmind.content.client.ModelGateway/call/CircuitBreaker/requestVolumeThreshold=10}.
 */
@ApplicationScoped
public class ModelGateway {

    /** The circuit breaker that all calls share. */
    public static final String CIRCUIT = "copywriter-model";

    private static final Logger LOG = Logger.getLogger(ModelGateway.class);

    private final ModelClient model;
    private final Duration maxRetryAfter;

    public ModelGateway(ModelClient model,
            @ConfigProperty(name = "channelmind.content.llm.retry-after.max-wait", defaultValue = "10s") Duration maxRetryAfter) {
        this.model = model;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Sends one chat-completion request and emits the text of the response. It fails with
     * {@link RetryAfterTooLongException} when the provider's Retry-After is longer than the maximum.
     */
    public Uni<String> complete(ModelCall request) {
        Supplier<Uni<String>> send = () -> model.complete(request);
        return call(send).onFailure(ProviderRateLimitedException.class).recoverWithUni(failure -> {
            Duration wait = ((ProviderRateLimitedException) failure).retryAfter();
            if (wait.compareTo(maxRetryAfter) > 0) {
                return Uni.createFrom().failure(new RetryAfterTooLongException(wait, maxRetryAfter));
            }
            LOG.infof("Model %s answered 429; waiting %d ms as its Retry-After asks, then calling once more",
                    request.modelName(), wait.toMillis());
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait).flatMap(ignored -> call(send));
        });
    }

    /**
     * Runs one model call under the fault-tolerance policy. A retry subscribes to a new call from
     * {@code request}. Quarkus intercepts this method also when {@link #complete} calls it on the
     * same bean (self-invocation).
     */
    @AsynchronousNonBlocking
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200,
            abortOn = {RateLimitException.class, CircuitBreakerOpenException.class, ProviderRateLimitedException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
    @CircuitBreakerName(CIRCUIT)
    @RateLimit(value = 600, window = 1, windowUnit = ChronoUnit.MINUTES)
    public Uni<String> call(Supplier<Uni<String>> request) {
        // ModelClient fails with ProviderRateLimitedException itself; the fault-tolerance layers may wrap it.
        return request.get().onFailure().transform(failure -> {
            ProviderRateLimitedException rateLimited = findRateLimit(failure, 0);
            return rateLimited != null ? rateLimited : failure;
        });
    }

    /** Finds a {@link ProviderRateLimitedException} among the causes and suppressed exceptions. */
    private static ProviderRateLimitedException findRateLimit(Throwable failure, int depth) {
        if (failure == null || depth > 10) {
            return null;
        }
        if (failure instanceof ProviderRateLimitedException rateLimited) {
            return rateLimited;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            ProviderRateLimitedException found = findRateLimit(suppressed, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return findRateLimit(failure.getCause(), depth + 1);
    }
}
