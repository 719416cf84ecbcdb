package io.channelmind.content.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.TypedGuard;
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
 * The policy is one SmallRye Fault Tolerance {@link TypedGuard}, built once, rather than
 * annotations on {@link #call}: in a profile of the latency benchmark the interceptor chain of
 * the annotations allocated about 30 % of the bytes of each copy. The guard reads the keys that
 * MicroProfile Fault Tolerance defines for the annotations of this method, so every value can be
 * changed in configuration as before, for example
 * {@code io.channelmind.content.client.ModelGateway/call/CircuitBreaker/requestVolumeThreshold=10}.
 */
@ApplicationScoped
public class ModelGateway {

    /** The circuit breaker that all calls share. */
    public static final String CIRCUIT = "copywriter-model";
    /** The prefix of the configuration keys of the policy, as MicroProfile Fault Tolerance names them for {@link #call}. */
    public static final String CONFIG_PREFIX = ModelGateway.class.getName() + "/call/";

    private static final Logger LOG = Logger.getLogger(ModelGateway.class);

    private final ModelClient model;
    private final Duration maxRetryAfter;
    private final TypedGuard<Uni<String>> guard;

    public ModelGateway(ModelClient model, Config config,
            @ConfigProperty(name = "channelmind.content.llm.retry-after.max-wait", defaultValue = "10s") Duration maxRetryAfter) {
        this.model = model;
        this.maxRetryAfter = maxRetryAfter;
        this.guard = guard(new PolicySettings(config));
    }

    /**
     * Builds the policy. By default each attempt times out after 45 s, and a failed call is
     * retried once after 200 ms plus up to 200 ms of jitter. The circuit opens for 30 s when half
     * of the last 10 calls failed, and closes after 2 successes. At most 600 calls a minute pass.
     * The guarded call runs on the caller's thread, as {@code @AsynchronousNonBlocking} did.
     * NOTE: only the keys read here apply; keys such as {@code Retry/abortOn} or {@code Retry/enabled} are ignored.
     */
    private static TypedGuard<Uni<String>> guard(PolicySettings settings) {
        return TypedGuard.create(new TypeLiteral<Uni<String>>() {
                })
                // The method name that the annotations gave the fault-tolerance metrics.
                .withDescription(ModelGateway.class.getName() + ".call")
                .withRetry()
                .maxRetries(settings.integer("Retry/maxRetries", 1))
                .delay(settings.integer("Retry/delay", 200), settings.unit("Retry/delayUnit", ChronoUnit.MILLIS))
                .jitter(settings.integer("Retry/jitter", 200), settings.unit("Retry/jitterDelayUnit", ChronoUnit.MILLIS))
                .maxDuration(settings.integer("Retry/maxDuration", 180_000), settings.unit("Retry/durationUnit", ChronoUnit.MILLIS))
                .abortOn(List.of(RateLimitException.class, CircuitBreakerOpenException.class, ProviderRateLimitedException.class))
                .done()
                .withCircuitBreaker()
                .name(CIRCUIT)
                .requestVolumeThreshold(settings.integer("CircuitBreaker/requestVolumeThreshold", 10))
                .failureRatio(settings.decimal("CircuitBreaker/failureRatio", 0.5))
                .delay(settings.integer("CircuitBreaker/delay", 30_000), settings.unit("CircuitBreaker/delayUnit", ChronoUnit.MILLIS))
                .successThreshold(settings.integer("CircuitBreaker/successThreshold", 2))
                .done()
                .withRateLimit()
                .limit(settings.integer("RateLimit/value", 600))
                .window(settings.integer("RateLimit/window", 1), settings.unit("RateLimit/windowUnit", ChronoUnit.MINUTES))
                .done()
                .withTimeout()
                .duration(settings.integer("Timeout/value", 45), settings.unit("Timeout/unit", ChronoUnit.SECONDS))
                .done()
                .build();
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

    /** Runs one model call under the fault-tolerance policy. A retry subscribes to a new call from {@code request}. */
    public Uni<String> call(Supplier<Uni<String>> request) {
        // ModelClient fails with ProviderRateLimitedException itself; the fault-tolerance layers may wrap it.
        return guard.get(() -> request.get().onFailure().transform(failure -> {
            ProviderRateLimitedException rateLimited = findRateLimit(failure, 0);
            return rateLimited != null ? rateLimited : failure;
        }));
    }

    /** The configured values of the policy, under the MicroProfile Fault Tolerance keys of {@link #call}. */
    private record PolicySettings(Config config) {

        int integer(String key, int defaultValue) {
            return config.getOptionalValue(CONFIG_PREFIX + key, Integer.class).orElse(defaultValue);
        }

        double decimal(String key, double defaultValue) {
            return config.getOptionalValue(CONFIG_PREFIX + key, Double.class).orElse(defaultValue);
        }

        ChronoUnit unit(String key, ChronoUnit defaultValue) {
            return config.getOptionalValue(CONFIG_PREFIX + key, ChronoUnit.class).orElse(defaultValue);
        }
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
