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

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * The model calls with fault tolerance, through the chat model of quarkus-langchain4j-openai.
 * A chat completion has no side effect, so a failed call may be retried; a rate-limited or
 * short-circuited call is not. Every call passes through {@link #call}, so first drafts and
 * revisions share one circuit breaker, and a failing provider is left alone for {@code delay}
 * milliseconds whichever prompt failed. The rate limit protects the provider's quota; a call
 * over it fails at once with {@link RateLimitException}.
 *
 * A 429 response with {@code Retry-After} is waited out once when the wait is at most
 * {@code channelmind.content.llm.retry-after.max-wait}; a longer wait raises
 * {@link RetryAfterTooLongException} at once, so that the copy falls back instead of blocking.
 *
 * Every value can be changed in configuration, for example
 * {@code io.channelmind.content.client.ModelGateway/call/CircuitBreaker/requestVolumeThreshold=10}.
 */
@ApplicationScoped
public class ModelGateway {

    /** The circuit breaker that all calls share. */
    public static final String CIRCUIT = "copywriter-model";

    private static final Logger LOG = Logger.getLogger(ModelGateway.class);

    private final ChatModel model;
    private final Duration maxRetryAfter;

    public ModelGateway(ChatModel model,
            @ConfigProperty(name = "channelmind.content.llm.retry-after.max-wait", defaultValue = "10s") Duration maxRetryAfter) {
        this.model = model;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Sends one chat-completion request and returns the text of the response.
     *
     * @throws RetryAfterTooLongException when the provider's Retry-After is longer than the maximum
     */
    public String complete(ModelCall request) {
        Supplier<String> send = () -> model.chat(chatRequest(request)).aiMessage().text();
        try {
            return call(send);
        } catch (ProviderRateLimitedException e) {
            if (e.retryAfter().compareTo(maxRetryAfter) > 0) {
                throw new RetryAfterTooLongException(e.retryAfter(), maxRetryAfter);
            }
            LOG.infof("Model %s answered 429; waiting %d ms as its Retry-After asks, then calling once more",
                    request.modelName(), e.retryAfter().toMillis());
            sleep(e.retryAfter());
            return call(send);
        }
    }

    /**
     * Runs one model call under the fault-tolerance policy. Quarkus intercepts this method also
     * when {@link #complete} calls it on the same bean (self-invocation).
     */
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200,
            abortOn = {RateLimitException.class, CircuitBreakerOpenException.class, ProviderRateLimitedException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
    @CircuitBreakerName(CIRCUIT)
    @RateLimit(value = 600, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String call(Supplier<String> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            // The REST client and langchain4j wrap the exception of RetryAfterFilter.
            ProviderRateLimitedException rateLimited = findRateLimit(e, 0);
            if (rateLimited != null) {
                throw rateLimited;
            }
            throw e;
        }
    }

    /** Finds the exception of {@link RetryAfterFilter} among the causes and suppressed exceptions. */
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

    private static ChatRequest chatRequest(ModelCall request) {
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder().modelName(request.modelName());
        if (request.responseFormat() != null) {
            parameters.responseFormat(request.responseFormat());
        }
        return ChatRequest.builder()
                .messages(SystemMessage.from(request.systemMessage()), UserMessage.from(request.userMessage()))
                .parameters(parameters.build())
                .build();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the model provider's Retry-After", e);
        }
    }
}
