package io.channelmind.content.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.content.config.LlmSettings;
import io.channelmind.content.domain.AbsoluteClaims;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.CopyVariant;
import io.channelmind.content.domain.GeneratedCopy;
import io.channelmind.content.domain.GuardrailFinding;
import io.channelmind.content.domain.Guardrails;
import io.channelmind.content.domain.SocialPreset;
import io.channelmind.content.repository.CopyVariantRepository;
import io.channelmind.web.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Writes a copy with the model when one is configured, else with the template copywriter,
 * adds the review warnings and stores it.
 */
@ApplicationScoped
public class CopyService {

    /** The reason code of the warning for a channel name that has no format of its own. */
    public static final String UNKNOWN_CHANNEL = "unknown-channel";
    public static final String COPIES_COUNTER = "channelmind.content.copies";

    private static final Logger LOG = Logger.getLogger(CopyService.class);

    private final TemplateCopywriter template;
    private final LlmCopywriter llm;
    private final LlmSettings settings;
    private final CopyVariantRepository repository;
    private final MeterRegistry registry;
    private final ModelChoiceStore modelChoices;
    private final Map<String, Counter> copiesCounters = new ConcurrentHashMap<>();

    public CopyService(TemplateCopywriter template, LlmCopywriter llm, LlmSettings settings,
            CopyVariantRepository repository, MeterRegistry registry, ModelChoiceStore modelChoices) {
        this.modelChoices = modelChoices;
        this.template = template;
        this.llm = llm;
        this.settings = settings;
        this.repository = repository;
        this.registry = registry;
    }

    /** Writes and stores one copy; emits the stored row. */
    public Uni<CopyVariant> create(CopySpec spec) {
        // The model's response arrives on the REST client's event loop. The insert and the
        // response run on the request's Vert.x context again.
        Uni<GeneratedCopy> written = settings.enabled()
                ? modelChoices.refreshIfStale().flatMap(ignored -> onRequestContext(llm.write(spec)))
                : Uni.createFrom().item(() -> template.write(spec));

        return written
                .map(copy -> copy.withWarnings(reviewWarnings(spec, copy)))
                .map(copy -> CopyVariant.of(spec, copy, now()))
                .call(variant -> repository.insert(List.of(variant)))
                .invoke(variant -> {
                    copiesCounter(variant.generator, spec.format()).increment();
                    // Under load this would be hundreds of lines a second, so it is DEBUG. The counter above counts every copy.
                    LOG.debugf("Stored copy %s for channel %s, written by %s with %d warning(s)", variant.id, variant.channel,
                            variant.generator, variant.warnings.length);
                });
    }

    /**
     * Writes {@code count} variants of one brief, numbered 1 to {@code count}, drops the ones
     * whose subject and body repeat an earlier variant (ignoring case and spacing), and stores
     * the rest in one transaction.
     */
    public Uni<VariantBatch> createVariants(CopySpec spec, int count) {
        List<CopySpec> specs = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            specs.add(spec.withVariant(number));
        }
        // One variant after the other, as a provider's rate limit would see them from one request.
        Uni<List<GeneratedCopy>> written = settings.enabled()
                ? modelChoices.refreshIfStale().flatMap(ignored -> onRequestContext(Multi.createFrom().iterable(specs)
                        .onItem().transformToUniAndConcatenate(llm::write)
                        .collect().asList()))
                : Uni.createFrom().item(() -> specs.stream().map(template::write).toList());

        return written.flatMap(copies -> {
            Instant createdAt = now();
            List<CopyVariant> unique = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            Map<String, Integer> firstNumber = new HashMap<>();
            for (int i = 0; i < copies.size(); i++) {
                GeneratedCopy copy = copies.get(i).withWarnings(reviewWarnings(specs.get(i), copies.get(i)));
                Integer earlier = firstNumber.putIfAbsent(VariantBatch.sameTextKey(copy), i + 1);
                if (earlier != null) {
                    dropped.add("variant " + (i + 1) + " repeats variant " + earlier + " (generator " + copy.generator() + ")");
                } else {
                    unique.add(CopyVariant.of(specs.get(i), copy, createdAt));
                }
            }
            return repository.insert(unique).map(ignored -> new VariantBatch(count, unique, dropped));
        }).invoke(batch -> {
            for (CopyVariant variant : batch.copies()) {
                copiesCounter(variant.generator, spec.format()).increment();
            }
            LOG.infof("Stored %d of %d requested variant(s) for channel %s; %d duplicate(s) dropped", batch.copies().size(),
                    count, spec.channel(), batch.dropped().size());
        });
    }

    /** Finds a stored copy; fails with a 404 problem when no copy has the id. */
    public Uni<CopyVariant> find(String copyId) {
        UUID id;
        try {
            id = UUID.fromString(copyId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(notFound(copyId));
        }
        return Panache.withSession(() -> repository.findById(id))
                .onItem().ifNull().failWith(() -> notFound(copyId));
    }

    /**
     * Emits the item or failure of {@code work} on the Vert.x context of the caller, when there is
     * one, rather than on the thread that completed it.
     */
    private static <T> Uni<T> onRequestContext(Uni<T> work) {
        Context context = Vertx.currentContext();
        return context == null ? work : work.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Returns the copy counter of a generator and format, registered at its first use. */
    private Counter copiesCounter(String generator, ChannelFormat format) {
        return copiesCounters.computeIfAbsent(generator + "/" + format, key -> registry.counter(COPIES_COUNTER,
                "generator", generator, "format", format.name().toLowerCase(Locale.ROOT)));
    }

    /** Returns the current time at the microsecond precision of PostgreSQL, so the POST and GET responses match. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> reviewWarnings(CopySpec spec, GeneratedCopy copy) {
        List<String> warnings = new ArrayList<>();
        if (!ChannelFormat.isKnownChannel(spec.channel())) {
            warnings.add(UNKNOWN_CHANNEL + ": channel '" + spec.channel() + "' is not one of "
                    + String.join(", ", ChannelFormat.KNOWN_CHANNELS) + ", " + String.join(", ", ChannelFormat.SOCIAL_NETWORKS) + ", "
                    + String.join(", ", ChannelFormat.SEARCH_CHANNELS)
                    + ", so the copy has the generic social format of at most " + SocialPreset.GENERIC.maxLength() + " characters");
        }
        // Model copy is accepted only when these checks find nothing, so they run again only on
        // template copy, where they report what the template copied from the brief.
        if (GeneratedCopy.LLM.equals(copy.generator())) {
            return warnings;
        }
        String text = copy.subject() == null ? copy.body() : copy.subject() + "\n" + copy.body();
        for (GuardrailFinding finding : Guardrails.check(spec, text)) {
            warnings.add(finding.warning() + (finding.reason().equals(AbsoluteClaims.REASON) ? " (reword the brief)" : ""));
        }
        return warnings;
    }

    private static RuntimeException notFound(String copyId) {
        return Problem.of(404, "copy-not-found", "Copy not found")
                .detail("No copy has the id '" + copyId + "'")
                .error("copyId", copyId, "Use a copyId returned by POST /api/v1/copy")
                .toException();
    }
}
