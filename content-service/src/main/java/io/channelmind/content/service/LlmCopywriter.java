package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.model.chat.request.ResponseFormat;

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
import io.smallrye.mutiny.Uni;

/**
 * Writes copy with the language model. A response that breaks a rule gets a revision request
 * that names each violation: one, or two for a search ad. When a search ad still breaks a rule,
 * the richest valid part of its responses is kept with the {@value #BEST_CANDIDATE} warning. When
 * the model fails, times out, returns no valid JSON, still breaks a rule after the revisions,
 * or writes an absolute claim, the template copywriter writes the copy instead: the fallback is logged at WARN, counted in
 * {@value #FALLBACK_COUNTER} and named in the copy's warnings. Accepted model copy is reused
 * for identical requests from the {@link BriefCache}.
 *
 * No method blocks: the model's response arrives on a Vert.x event-loop thread, where the
 * checks, the revision request or the fallback run.
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
    /** The {@code response_format} of each channel format, built once so that every call sends the same instance. */
    private final Map<ChannelFormat, ResponseFormat> responseFormats = new EnumMap<>(ChannelFormat.class);
    private final BriefCache cache;

    public LlmCopywriter(ModelGateway model, TemplateCopywriter template, ObjectMapper json, MeterRegistry registry,
            LlmSettings settings, BriefCache cache, ModelChoice models) {
        this.cache = cache;
        this.model = model;
        this.template = template;
        this.json = json;
        this.registry = registry;
        this.models = models;
        for (ChannelFormat format : ChannelFormat.values()) {
            responseFormats.put(format, OutputSchema.responseFormat(settings.responseFormat(), OutputSchema.forFormat(format)));
        }
    }

    /** Writes one copy. It emits the model's copy, the best valid part of a search ad, or the template's fallback copy. */
    public Uni<GeneratedCopy> write(CopySpec spec) {
        // A copy of a model that is no longer chosen for this brand or channel is written again.
        Optional<GeneratedCopy> cached = cache.find(spec).filter(copy -> copy.model().equals(models.modelFor(spec)));
        if (cached.isPresent()) {
            LOG.debugf("Reusing the model copy of an identical request for channel %s", spec.channel());
            return Uni.createFrom().item(cached.get());
        }
        PromptValues prompt = PromptValues.of(spec);
        int maxRevisions = spec.format() == ChannelFormat.SEARCH_AD ? SEARCH_AD_REVISIONS : 1;
        return attempt(new Attempts(spec, prompt, maxRevisions), prompt.userMessage(), 0).invoke(copy -> {
            if (GeneratedCopy.LLM.equals(copy.generator())) {
                cache.put(spec, copy);
            }
        });
    }

    /** The state of one copy's model calls: the request, its prompt and the responses rejected so far. */
    private record Attempts(CopySpec spec, PromptValues prompt, int maxRevisions, List<ModelResponse> rejected) {

        Attempts(CopySpec spec, PromptValues prompt, int maxRevisions) {
            this(spec, prompt, maxRevisions, new ArrayList<>());
        }
    }

    /** Sends the first draft ({@code revision} 0) or a revision request, and decides on its response. */
    private Uni<GeneratedCopy> attempt(Attempts attempts, String userMessage, int revision) {
        CopySpec spec = attempts.spec();
        return model.complete(call(spec, attempts.prompt().systemMessage(), userMessage))
                .map(raw -> ModelResponse.check(spec, raw, json))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure instanceof Exception exception) {
                        return Uni.createFrom().item(afterFailedCall(attempts, exception, revision));
                    }
                    if (failure != null) {
                        return Uni.createFrom().failure(failure);
                    }
                    return decide(attempts, response, revision);
                });
    }

    private GeneratedCopy afterFailedCall(Attempts attempts, Exception failure, int revision) {
        String when = revision == 0 ? "" : " on revision request " + revision;
        return bestValidPart(attempts.spec(), attempts.rejected())
                .orElseGet(() -> fallBack(attempts.spec(), failureReason(failure), failureText(failure) + when, failure));
    }

    private Uni<GeneratedCopy> decide(Attempts attempts, ModelResponse response, int revision) {
        CopySpec spec = attempts.spec();
        if (response.accepted()) {
            return Uni.createFrom().item(accept(spec, response.draft().orElseThrow(), List.of()));
        }
        if (!response.claims().isEmpty()) {
            return Uni.createFrom().item(fallBack(spec, AbsoluteClaims.REASON,
                    "wrote the restricted term(s) " + AbsoluteClaims.quote(response.claims()), null));
        }
        attempts.rejected().add(response);
        if (revision < attempts.maxRevisions()) {
            LOG.infof("Model copy for channel %s broke %d rule(s); sending revision request %d of %d", spec.channel(),
                    response.violations().size(), revision + 1, attempts.maxRevisions());
            String revisionMessage = attempts.prompt().revisionMessage(previous(response.raw()),
                    bulletList(response.violations()));
            return attempt(attempts, revisionMessage, revision + 1);
        }
        return Uni.createFrom().item(afterLastRevision(spec, attempts.rejected(), attempts.maxRevisions()));
    }

    private GeneratedCopy afterLastRevision(CopySpec spec, List<ModelResponse> rejected, int maxRevisions) {
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
        return new ModelCall(systemMessage, userMessage, models.modelFor(spec), responseFormats.get(spec.format()));
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
