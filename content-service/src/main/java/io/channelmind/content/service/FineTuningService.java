package io.channelmind.content.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.client.FineTuningClient;
import io.channelmind.content.client.FineTuningClient.FineTuningException;
import io.channelmind.content.client.FineTuningClient.FineTuningJob;
import io.channelmind.content.config.LlmSettings;
import io.channelmind.content.domain.FineTuningJobRecord;
import io.channelmind.content.repository.FineTuningJobRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Submits the exported fine-tuning data to the OpenAI-compatible endpoint of
 * {@code channelmind.content.llm.base-url} (OPENAI_BASE_URL) and tracks the jobs. Without that
 * endpoint every call fails with a 409 problem, so no job is ever sent to a default public URL.
 * The HTTP calls block, so they run on worker threads.
 */
@ApplicationScoped
public class FineTuningService {

    public static final String BASE_URL_KEY = "channelmind.content.llm.base-url";
    /** Suffix of the tuned model's name when the request names none. */
    public static final String DEFAULT_SUFFIX = "channelmind";

    private static final Logger LOG = Logger.getLogger(FineTuningService.class);
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final int MAX_MODEL_NAME = 200;

    private final Optional<String> baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final String defaultBaseModel;
    private final ObjectMapper json;
    private final VariantService variants;
    private final FineTuningJobRepository repository;
    private final Vertx vertx;

    public FineTuningService(@ConfigProperty(name = BASE_URL_KEY) Optional<String> baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.api-key") String apiKey,
            @ConfigProperty(name = "channelmind.content.fine-tuning.timeout", defaultValue = "60s") Duration timeout,
            @ConfigProperty(name = "channelmind.content.fine-tuning.base-model") Optional<String> baseModel,
            LlmSettings settings, ObjectMapper json, VariantService variants, FineTuningJobRepository repository, Vertx vertx) {
        this.baseUrl = baseUrl.filter(url -> !url.isBlank()).map(String::strip);
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.defaultBaseModel = baseModel.filter(name -> !name.isBlank()).orElse(settings.modelName());
        this.json = json;
        this.variants = variants;
        this.repository = repository;
        this.vertx = vertx;
    }

    /**
     * Uploads the current fine-tuning data set and creates a job for it; emits the stored job.
     *
     * @param baseModel model to tune, or null for {@code channelmind.content.fine-tuning.base-model}
     * @param suffix suffix of the tuned model's name, or null for {@value #DEFAULT_SUFFIX}
     */
    public Uni<FineTuningJobRecord> submit(String baseModel, String suffix) {
        // The request is checked first, so that an invalid field is reported even when no
        // endpoint is configured.
        String model = checkRequest(baseModel, suffix);
        FineTuningClient client = client();
        String modelSuffix = suffix == null || suffix.isBlank() ? DEFAULT_SUFFIX : suffix.strip();
        return variants.fineTuningData().flatMap(jsonl -> {
            int examples = (int) jsonl.lines().filter(line -> !line.isBlank()).count();
            if (examples == 0) {
                return Uni.createFrom().failure(Problem.of(422, "no-fine-tuning-data", "No fine-tuning data")
                        .detail("No copy is approved or a clear winner, so the fine-tuning data set is empty")
                        .error("examples", 0, "Approve copies with POST /api/v1/copy/{copyId}/approval, then submit again")
                        .toException());
            }
            return vertx.executeBlocking(() -> {
                String fileId = client.uploadTrainingFile("channelmind-fine-tuning.jsonl", jsonl);
                return record(client.createJob(fileId, model, modelSuffix), fileId, modelSuffix, examples);
            }, false);
        }).onFailure(FineTuningException.class).transform(FineTuningService::endpointFailed)
                .flatMap(job -> Panache.withTransaction(() -> repository.persist(job)))
                .invoke(job -> LOG.infof("Submitted fine-tuning job %s of %s with %d example(s), file %s", job.id, job.baseModel,
                        job.examples, job.trainingFileId));
    }

    /** Reads a stored job's status from the endpoint, stores it with the tuned model's name, and emits the job. */
    public Uni<FineTuningJobRecord> refresh(String jobId) {
        FineTuningClient client = client();
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            return Uni.createFrom().failure(notFound(jobId));
        }
        return Panache.withSession(() -> repository.findById(jobId))
                .onItem().ifNull().failWith(() -> notFound(jobId))
                .flatMap(stored -> vertx.executeBlocking(() -> client.job(jobId), false))
                .onFailure(FineTuningException.class).transform(FineTuningService::endpointFailed)
                .flatMap(job -> Panache.withTransaction(() -> repository.findById(jobId).invoke(stored -> {
                    if (!job.status().equals(stored.status)) {
                        LOG.infof("Fine-tuning job %s is now %s%s", jobId, job.status(),
                                job.fineTunedModel() == null ? "" : ", model " + job.fineTunedModel());
                    }
                    stored.status = job.status();
                    stored.fineTunedModel = job.fineTunedModel();
                    stored.updatedAt = now();
                })));
    }

    /** Returns the client of the configured endpoint; fails with a 409 problem when none is configured. */
    private FineTuningClient client() {
        if (baseUrl.isEmpty()) {
            throw Problem.of(409, "fine-tuning-not-configured", "No model endpoint configured")
                    .detail("Fine-tuning needs an OpenAI-compatible endpoint, and " + BASE_URL_KEY + " is not set")
                    .error(BASE_URL_KEY, null, "Set OPENAI_BASE_URL to the endpoint including its version path, "
                            + "such as http://127.0.0.1:8089/v1, and restart content-service")
                    .toException();
        }
        return new FineTuningClient(baseUrl.get(), apiKey, timeout, json);
    }

    /** Returns the base model of a request; fails with a 400 problem that names each invalid field. */
    private String checkRequest(String baseModel, String suffix) {
        Problem.Builder problem = Problem.of(400, "invalid-fine-tuning-request", "Invalid fine-tuning request");
        int errors = 0;
        if (baseModel != null && (baseModel.isBlank() || baseModel.length() > MAX_MODEL_NAME)) {
            problem.error("baseModel", baseModel, "Name the model to tune in at most " + MAX_MODEL_NAME
                    + " characters, or leave baseModel out for " + defaultBaseModel);
            errors++;
        }
        if (suffix != null && !SUFFIX.matcher(suffix.strip()).matches()) {
            problem.error("suffix", suffix, "Use 1 to 64 letters, digits, '-' or '_', or leave suffix out for " + DEFAULT_SUFFIX);
            errors++;
        }
        if (errors > 0) {
            throw problem.detail(errors + " field(s) of the fine-tuning request are invalid; see errors").toException();
        }
        return baseModel == null ? defaultBaseModel : baseModel.strip();
    }

    private static FineTuningJobRecord record(FineTuningJob job, String fileId, String suffix, int examples) {
        FineTuningJobRecord record = new FineTuningJobRecord();
        record.id = job.id();
        record.trainingFileId = fileId;
        record.baseModel = job.model();
        record.suffix = suffix;
        record.examples = examples;
        record.status = job.status();
        record.fineTunedModel = job.fineTunedModel();
        record.createdAt = now();
        record.updatedAt = record.createdAt;
        return record;
    }

    private static Throwable endpointFailed(Throwable failure) {
        LOG.warnf("Fine-tuning call failed: %s", failure.getMessage());
        return Problem.of(502, "fine-tuning-endpoint-failed", "Fine-tuning endpoint failed")
                .detail(failure.getMessage())
                .error(BASE_URL_KEY, null, "Check that the endpoint supports the OpenAI files and fine-tuning API and "
                        + "that the API key may use it, then try again")
                .toException();
    }

    private static RuntimeException notFound(String jobId) {
        return Problem.of(404, "fine-tuning-job-not-found", "Fine-tuning job not found")
                .detail("No fine-tuning job submitted by content-service has the id '" + jobId + "'")
                .error("jobId", jobId, "Use an id returned by POST /api/v1/copy/fine-tuning-jobs")
                .toException();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
