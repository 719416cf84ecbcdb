package io.channelmind.content.service;

import java.util.ArrayList;
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
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.channelmind.content.domain.Placeholders;
import io.channelmind.content.domain.ResponsiveSearchAd;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.RateLimitException;

/**
 * Writes copy with the language model. A response that breaks a rule gets a revision request
 * that names each violation: one, or two for a search ad. When a search ad still breaks a rule,
 * the richest valid part of its responses is kept with the {@value #BEST_CANDIDATE} warning. When
 * the model fails, times out, returns no valid JSON, still breaks a rule after the revisions,
 * or writes an absolute claim, the template copywriter writes the copy instead: the fallback is logged at WARN, counted in
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
    /** The reason code of the warning that the copy is the valid part of a search ad that still broke a rule. */
    public static final String BEST_CANDIDATE = "llm-best-candidate";
    /** Revision requests for a search ad, whose many short texts more often break a limit than one body does. */
    static final int SEARCH_AD_REVISIONS = 2;

    private static final Logger LOG = Logger.getLogger(LlmCopywriter.class);
    private static final int MAX_PREVIOUS_ANSWER = 4000;

    private final ModelGateway model;
    private final TemplateCopywriter template;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final ModelChoice models;
    private final String responseFormat;
    private final BriefCache cache;

    public LlmCopywriter(ModelGateway model, TemplateCopywriter template, ObjectMapper json, MeterRegistry registry,
            LlmSettings settings, BriefCache cache, ModelChoice models) {
        this.cache = cache;
        this.model = model;
        this.template = template;
        this.json = json;
        this.registry = registry;
        this.models = models;
        this.responseFormat = settings.responseFormat();
    }

    public GeneratedCopy write(CopySpec spec) {
        // A copy of a model that is no longer chosen for this brand or channel is written again.
        Optional<GeneratedCopy> cached = cache.find(spec).filter(copy -> copy.model().equals(models.modelFor(spec)));
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
        int maxRevisions = spec.format() == ChannelFormat.SEARCH_AD ? SEARCH_AD_REVISIONS : 1;
        List<ModelResponse> rejected = new ArrayList<>();
        String userMessage = prompt.userMessage();
        for (int revision = 0; revision <= maxRevisions; revision++) {
            ModelResponse response;
            try {
                response = ModelResponse.check(spec, model.complete(call(spec, prompt.systemMessage(), userMessage)), json);
            } catch (RuntimeException e) {
                String when = revision == 0 ? "" : " on revision request " + revision;
                return bestValidPart(spec, rejected).orElseGet(() -> fallBack(spec, failureReason(e), failureText(e) + when, e));
            }
            if (response.accepted()) {
                return accept(spec, response.draft().orElseThrow(), List.of());
            }
            if (!response.claims().isEmpty()) {
                return fallBack(spec, AbsoluteClaims.REASON, "wrote the restricted term(s) " + AbsoluteClaims.quote(response.claims()),
                        null);
            }
            rejected.add(response);
            if (revision < maxRevisions) {
                LOG.infof("Model copy for channel %s broke %d rule(s); sending revision request %d of %d", spec.channel(),
                        response.violations().size(), revision + 1, maxRevisions);
                userMessage = prompt.revisionMessage(previous(response.raw()), bulletList(response.violations()));
            }
        }

        Optional<GeneratedCopy> best = bestValidPart(spec, rejected);
        if (best.isPresent()) {
            return best.get();
        }
        if (rejected.stream().noneMatch(ModelResponse::parsed)) {
            return fallBack(spec, "invalid-output", "returned no valid JSON object in " + rejected.size() + " answers", null);
        }
        ModelResponse last = rejected.get(rejected.size() - 1);
        return fallBack(spec, "rule-violation", "still broke the rules after " + maxRevisions + " revision request(s): "
                + String.join(" ", last.violations()), null);
    }

    /**
     * Returns the richest valid part of the rejected search ads: each ad without its invalid
     * headlines, descriptions and paths, if what remains meets every rule and guardrail.
     * Empty for other formats and when no ad has a valid part.
     */
    private Optional<GeneratedCopy> bestValidPart(CopySpec spec, List<ModelResponse> rejected) {
        ModelResponse.Draft best = null;
        for (ModelResponse response : rejected) {
            ResponsiveSearchAd ad = response.draft().map(ModelResponse.Draft::searchAd).orElse(null);
            Optional<ResponsiveSearchAd> part = ad == null ? Optional.empty() : ad.validPart();
            if (part.isEmpty()) {
                continue;
            }
            ModelResponse.Draft draft = new ModelResponse.Draft(null, part.get().toBody(), part.get());
            boolean valid = ModelResponse.checkDraft(spec, response.raw(), draft).accepted();
            if (valid && (best == null || part.get().size() > best.searchAd().size())) {
                best = draft;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        LOG.infof("Model search ad for channel %s still broke the rules after its revisions; keeping its best valid part "
                + "with %d headline(s) and %d description(s)", spec.channel(), best.searchAd().headlines().size(),
                best.searchAd().descriptions().size());
        registry.counter(FALLBACK_COUNTER, "reason", BEST_CANDIDATE).increment();
        String warning = BEST_CANDIDATE + ": the model's search ad still broke the rules after its revision requests, so this "
                + "is the best valid candidate: its valid headlines and descriptions, without the ones that broke a limit";
        return Optional.of(accept(spec, best, List.of(warning)));
    }

    private ModelCall call(CopySpec spec, String systemMessage, String userMessage) {
        return new ModelCall(systemMessage, userMessage, models.modelFor(spec),
                OutputSchema.responseFormat(responseFormat, OutputSchema.forFormat(spec.format())));
    }

    private GeneratedCopy accept(CopySpec spec, ModelResponse.Draft draft, List<String> warnings) {
        String text = draft.subject() == null ? draft.body() : draft.subject() + "\n" + draft.body();
        return new GeneratedCopy(GeneratedCopy.LLM, models.modelFor(spec), draft.subject(), draft.body(), Placeholders.find(text), warnings);
    }

    private GeneratedCopy fallBack(CopySpec spec, String reason, String description, Exception failure) {
        if (failure == null) {
            LOG.warnf("Falling back to the template copywriter for channel %s: model %s %s", spec.channel(), models.modelFor(spec), description);
        } else {
            LOG.warnf("Falling back to the template copywriter for channel %s: model %s %s (%s)", spec.channel(),
                    models.modelFor(spec), description, failure.toString());
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
