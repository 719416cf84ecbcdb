package io.channelmind.content.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.client.ModelCall;
import io.channelmind.content.client.ModelGateway;
import io.channelmind.content.client.RetryAfterTooLongException;
import io.channelmind.content.config.LlmSettings;
import io.channelmind.content.domain.AbsoluteClaims;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.channelmind.content.domain.Placeholders;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * Writes copy with the language model. A response that breaks a rule gets one revision request
 * that names each violation. When the model fails, times out, returns invalid JSON twice,
 * still breaks a rule after the revision, or writes an absolute claim, the template copywriter
 * writes the copy instead: the fallback is logged at WARN, counted in
 * {@value #FALLBACK_COUNTER} and named in the copy's warnings. Accepted model copy is reused
 * for identical requests from the {@link BriefCache}.
 *
 * Calls block the calling thread for up to the configured timeout, so never call this on an
 * event-loop thread.
 */
@ApplicationScoped
public class LlmCopywriter {

    /** The reason code of the warning that the template copywriter replaced the model's copy. */
    public static final String FALLBACK = "llm-fallback";
    public static final String FALLBACK_COUNTER = "channelmind.content.llm.fallbacks";

    private static final Logger LOG = Logger.getLogger(LlmCopywriter.class);
    private static final int MAX_PREVIOUS_ANSWER = 4000;

    private final ModelGateway model;
    private final TemplateCopywriter template;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final String modelName;
    private final String responseFormat;
    private final BriefCache cache;

    public LlmCopywriter(ModelGateway model, TemplateCopywriter template, ObjectMapper json, MeterRegistry registry,
            LlmSettings settings, BriefCache cache) {
        this.cache = cache;
        this.model = model;
        this.template = template;
        this.json = json;
        this.registry = registry;
        this.modelName = settings.modelName();
        this.responseFormat = settings.responseFormat();
    }

    public GeneratedCopy write(CopySpec spec) {
        Optional<GeneratedCopy> cached = cache.find(spec);
        if (cached.isPresent()) {
            LOG.debugf("Reusing the model copy of an identical request for channel %s", spec.channel());
            return cached.get();
        }
        GeneratedCopy copy = writeWithModel(spec);
        if (GeneratedCopy.LLM.equals(copy.generator())) {
            cache.put(spec, copy);
        }
        return copy;
    }

    private GeneratedCopy writeWithModel(CopySpec spec) {
        PromptValues prompt = PromptValues.of(spec);

        ModelResponse first;
        try {
            first = ModelResponse.check(spec, model.complete(call(prompt.systemMessage(), prompt.userMessage())), json);
        } catch (RuntimeException e) {
            return fallBack(spec, failureReason(e), failureText(e), e);
        }
        if (first.accepted()) {
            return accept(first);
        }
        if (!first.claims().isEmpty()) {
            return fallBack(spec, AbsoluteClaims.REASON, "wrote the restricted term(s) " + AbsoluteClaims.quote(first.claims()), null);
        }

        LOG.infof("Model copy for channel %s broke %d rule(s); requesting one revision", spec.channel(), first.violations().size());
        ModelResponse second;
        try {
            String revision = prompt.revisionMessage(previous(first.raw()), bulletList(first.violations()));
            second = ModelResponse.check(spec, model.complete(call(prompt.systemMessage(), revision)), json);
        } catch (RuntimeException e) {
            return fallBack(spec, failureReason(e), failureText(e) + " on the revision request", e);
        }
        if (second.accepted()) {
            return accept(second);
        }
        if (!second.claims().isEmpty()) {
            return fallBack(spec, AbsoluteClaims.REASON, "wrote the restricted term(s) " + AbsoluteClaims.quote(second.claims()), null);
        }
        if (!first.parsed() && !second.parsed()) {
            return fallBack(spec, "invalid-output", "returned no valid JSON object twice", null);
        }
        return fallBack(spec, "rule-violation", "still broke the rules after one revision: "
                + String.join(" ", second.violations()), null);
    }

    private ModelCall call(String systemMessage, String userMessage) {
        return new ModelCall(systemMessage, userMessage, modelName, OutputSchema.responseFormat(responseFormat, OutputSchema.COPY));
    }

    private GeneratedCopy accept(ModelResponse response) {
        ModelResponse.Draft draft = response.draft().orElseThrow();
        String text = draft.subject() == null ? draft.body() : draft.subject() + "\n" + draft.body();
        return new GeneratedCopy(GeneratedCopy.LLM, modelName, draft.subject(), draft.body(), Placeholders.find(text), List.of());
    }

    private GeneratedCopy fallBack(CopySpec spec, String reason, String description, Exception failure) {
        if (failure == null) {
            LOG.warnf("Falling back to the template copywriter for channel %s: model %s %s", spec.channel(), modelName, description);
        } else {
            LOG.warnf("Falling back to the template copywriter for channel %s: model %s %s (%s)", spec.channel(), modelName,
                    description, failure.toString());
        }
        registry.counter(FALLBACK_COUNTER, "reason", reason).increment();
        String warning = FALLBACK + ": the model " + description + ", so the template copywriter wrote this copy (reason " + reason + ")";
        return template.write(spec).withWarnings(List.of(warning));
    }

    private static String failureReason(Exception failure) {
        if (failure instanceof RetryAfterTooLongException) {
            return "provider-rate-limited";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit-open";
        }
        if (failure instanceof RateLimitException) {
            return "rate-limited";
        }
        return isTimeout(failure) ? "model-timeout" : "model-error";
    }

    private static String failureText(Exception failure) {
        if (failure instanceof RetryAfterTooLongException) {
            return "was not called again because " + failure.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "was not called because its circuit breaker is open after repeated failures";
        }
        if (failure instanceof RateLimitException) {
            return "was not called because the rate limit towards the provider is reached";
        }
        return isTimeout(failure) ? "timed out" : "call failed";
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String previous(String raw) {
        String text = raw == null ? "" : raw;
        return PromptValues.data(text.length() > MAX_PREVIOUS_ANSWER ? text.substring(0, MAX_PREVIOUS_ANSWER) : text);
    }

    private static String bulletList(List<String> lines) {
        return lines.stream().map(line -> "- " + line).collect(Collectors.joining("\n"));
    }
}
