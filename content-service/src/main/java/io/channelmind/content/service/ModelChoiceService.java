package io.channelmind.content.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.content.config.BrandSettings;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.StoredModelChoice;
import io.channelmind.content.repository.FineTuningJobRepository;
import io.channelmind.content.repository.ModelChoiceRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Sets, lists and clears the model that writes the copy of a brand, a channel, or a brand on
 * one channel. The model is named directly or taken from a succeeded fine-tuning job.
 */
@ApplicationScoped
public class ModelChoiceService {

    static final int MAX_MODEL_NAME = 256;
    private static final String SUCCEEDED = "succeeded";
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final Logger LOG = Logger.getLogger(ModelChoiceService.class);

    private final ModelChoiceRepository repository;
    private final ModelChoiceStore store;
    private final FineTuningJobRepository jobs;
    private final FineTuningService fineTuning;
    private final BrandSettings brands;

    public ModelChoiceService(ModelChoiceRepository repository, ModelChoiceStore store, FineTuningJobRepository jobs,
            FineTuningService fineTuning, BrandSettings brands) {
        this.repository = repository;
        this.store = store;
        this.jobs = jobs;
        this.fineTuning = fineTuning;
        this.brands = brands;
    }

    /** Returns every stored choice, ordered by brand and channel. */
    public Uni<List<StoredModelChoice>> list() {
        return store.reload();
    }

    /**
     * Stores the model of a brand and channel, replacing an earlier choice of the same pair, and
     * uses it for the next copy. Fails with a 400 problem naming each invalid field, and with a
     * 422 problem when the fine-tuning job has not succeeded.
     */
    public Uni<StoredModelChoice> set(String brand, String channel, String model, String fineTuningJobId) {
        Scope scope = checkScope(brand, channel, model, fineTuningJobId);
        Uni<String> chosenModel = fineTuningJobId == null
                ? Uni.createFrom().item(model.strip())
                : tunedModel(fineTuningJobId.strip());
        return chosenModel
                .map(name -> new StoredModelChoice(scope.brand(), scope.channel(), name,
                        fineTuningJobId == null ? null : fineTuningJobId.strip(), Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .flatMap(repository::save)
                .call(store::reload)
                .invoke(choice -> LOG.infof("Model %s now writes the copy of brand %s on channel %s", choice.model(),
                        describe(choice.brand()), describe(choice.channel())));
    }

    /** Deletes the choice of a brand and channel; fails with a 404 problem when none is stored. */
    public Uni<Void> clear(String brand, String channel) {
        Scope scope = checkScope(brand, channel, "unused", null);
        return repository.delete(scope.brand(), scope.channel())
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Uni.createFrom().failure(Problem.of(404, "model-choice-not-found", "Model choice not found")
                                .detail("No model is chosen for brand " + describe(scope.brand()) + " on channel "
                                        + describe(scope.channel()))
                                .error(scope.brand() == null ? "channel" : "brand",
                                        scope.brand() == null ? scope.channel() : scope.brand(),
                                        "List the choices with GET /api/v1/copy/model-choices and send their brand and channel")
                                .toException());
                    }
                    LOG.infof("Cleared the model choice of brand %s on channel %s", describe(scope.brand()),
                            describe(scope.channel()));
                    return store.reload().replaceWithVoid();
                });
    }

    /** Returns the tuned model of a succeeded job, after reading the job's state from the endpoint. */
    private Uni<String> tunedModel(String jobId) {
        return Panache.withSession(() -> jobs.findById(jobId))
                .onItem().ifNull().failWith(() -> Problem.of(400, "invalid-model-choice", "Invalid model choice")
                        .detail("No fine-tuning job submitted by content-service has the id '" + jobId + "'")
                        .error("fineTuningJobId", jobId, "Use an id returned by POST /api/v1/copy/fine-tuning-jobs, or name "
                                + "the model in model")
                        .toException())
                .flatMap(stored -> fineTuning.refresh(jobId))
                .map(job -> {
                    if (!SUCCEEDED.equals(job.status) || job.fineTunedModel == null) {
                        throw Problem.of(422, "fine-tuning-job-not-succeeded", "Fine-tuning job has not succeeded")
                                .detail("Fine-tuning job " + jobId + " has the status " + job.status + " and no tuned model yet")
                                .error("fineTuningJobId", jobId, "Wait until GET /api/v1/copy/fine-tuning-jobs/" + jobId
                                        + " reports succeeded, then send the choice again")
                                .toException();
                    }
                    return job.fineTunedModel;
                });
    }

    /** Returns the brand and channel of a choice; fails with a 400 problem that names each invalid field. */
    private Scope checkScope(String brand, String channel, String model, String fineTuningJobId) {
        Problem.Builder problem = Problem.of(400, "invalid-model-choice", "Invalid model choice");
        int errors = 0;
        String brandName = brand == null || brand.isBlank() ? null : brand.strip();
        String channelName = channel == null || channel.isBlank() ? null : channel.strip().toLowerCase(Locale.ROOT);
        if (brandName == null && channelName == null) {
            problem.error("brand", brand, "Name a brand, a channel, or both");
            problem.error("channel", channel, "Name a brand, a channel, or both");
            errors++;
        }
        Map<String, BrandSettings.Brand> configured = brands.brands();
        if (brandName != null && !configured.containsKey(brandName)) {
            problem.error("brand", brand, configured.isEmpty()
                    ? "No brands are configured; configure channelmind.content.brands.<name>.banned-words or leave brand out"
                    : "Use one of the configured brands: " + String.join(", ", configured.keySet().stream().sorted().toList()));
            errors++;
        }
        if (channelName != null && !ChannelFormat.isKnownChannel(channelName)) {
            problem.error("channel", channel, "Use one of " + String.join(", ", ChannelFormat.KNOWN_CHANNELS) + ", "
                    + String.join(", ", ChannelFormat.SOCIAL_NETWORKS) + ", " + String.join(", ", ChannelFormat.SEARCH_CHANNELS));
            errors++;
        }
        errors += checkModel(problem, model, fineTuningJobId);
        if (errors > 0) {
            throw problem.detail(errors + " field(s) of the model choice are invalid; see errors").toException();
        }
        return new Scope(brandName, channelName);
    }

    private static int checkModel(Problem.Builder problem, String model, String fineTuningJobId) {
        boolean hasJob = fineTuningJobId != null && !fineTuningJobId.isBlank();
        if (model != null && hasJob) {
            problem.error("fineTuningJobId", fineTuningJobId, "Send either model or fineTuningJobId, not both");
            return 1;
        }
        if (hasJob) {
            return 0;
        }
        if (model == null || model.isBlank()) {
            problem.error("model", model, "Name the model, such as ft:gpt-4o-mini-2024-07-18:acme::abc123, or send the id "
                    + "of a succeeded fine-tuning job in fineTuningJobId");
            return 1;
        }
        if (model.strip().length() > MAX_MODEL_NAME || WHITESPACE.matcher(model.strip()).find()) {
            problem.error("model", model, "Use a model name of at most " + MAX_MODEL_NAME + " characters without spaces");
            return 1;
        }
        return 0;
    }

    private static String describe(String value) {
        return value == null ? "(any)" : value;
    }

    private record Scope(String brand, String channel) {
    }
}
