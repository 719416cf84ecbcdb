package io.channelmind.content.client;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * The model calls with fault tolerance. A chat completion has no side effect, so a failed call
 * may be retried; a rate-limited or short-circuited call is not. Both prompts pass through
 * {@link #call}, so they share one circuit breaker, and a failing provider is left alone for
 * {@code delay} milliseconds whichever prompt failed. The rate limit protects the provider's
 * quota; a call over it fails at once with {@link RateLimitException}.
 *
 * Every value can be changed in configuration, for example
 * {@code io.channelmind.content.client.ModelGateway/call/CircuitBreaker/requestVolumeThreshold=10}.
 */
@ApplicationScoped
public class ModelGateway {

    /** The circuit breaker that both methods share. */
    public static final String CIRCUIT = "copywriter-model";

    private final CopywriterModel model;

    public ModelGateway(CopywriterModel model) {
        this.model = model;
    }

    /** Writes a first draft; see {@link CopywriterModel#write}. */
    public String write(String language, String channelRules, String product, String offer, String callToAction, String url,
            String audience) {
        return call(() -> model.write(language, channelRules, product, offer, callToAction, url, audience));
    }

    /** Writes the copy again after the checks rejected it, see {@link CopywriterModel#revise}. */
    public String revise(String language, String channelRules, String product, String offer, String callToAction,
            String url, String audience, String previousAnswer, String violations) {
        return call(() -> model.revise(language, channelRules, product, offer, callToAction, url, audience, previousAnswer,
                violations));
    }

    /**
     * Runs one model call under the fault-tolerance policy. Quarkus intercepts this method also
     * when {@link #write} and {@link #revise} call it on the same bean (self-invocation).
     */
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = {RateLimitException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
    @CircuitBreakerName(CIRCUIT)
    @RateLimit(value = 600, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String call(Supplier<String> request) {
        return request.get();
    }
}
