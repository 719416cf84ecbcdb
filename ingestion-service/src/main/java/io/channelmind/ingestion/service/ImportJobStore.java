package io.channelmind.ingestion.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.repository.ImportJob;
import io.channelmind.ingestion.repository.ImportJobRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps import jobs: the runs of this replica in memory, and every job in PostgreSQL. A GET of a
 * job that runs here returns the live counters; any other replica returns the stored ones, which
 * the progress writer renews every {@code ingestion.import.progress-interval}. The progress
 * writer also reads the job's cancel flag, so a cancel sent to any replica stops the job.
 */
@ApplicationScoped
public class ImportJobStore {

    private static final Logger LOG = Logger.getLogger(ImportJobStore.class);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ImportJobRepository repository;
    private final IngestionConfig.Imports config;
    private final ObjectMapper json;
    private final Map<UUID, ImportRun> localRuns = new ConcurrentHashMap<>();

    public ImportJobStore(ImportJobRepository repository, IngestionConfig config, ObjectMapper json) {
        this.repository = repository;
        this.config = config.imports();
        this.json = json;
    }

    /**
     * Stores a new job and registers it as running here.
     *
     * @return false when another job already has the run's idempotency key
     */
    boolean create(ImportRun run) {
        if (!repository.insert(run.snapshot(cleaningJson(run)))) {
            return false;
        }
        localRuns.put(run.id(), run);
        return true;
    }

    /** Stores the rejected rows collected since the last call, up to {@code max-stored-errors} per job. */
    void flushErrors(ImportRun run) {
        List<RowError> errors = run.drainPendingErrors();
        long storedBefore = run.rowsRejected() - errors.size();
        long room = Math.max(0, config.maxStoredErrors() - storedBefore);
        if (room < errors.size()) {
            errors = errors.subList(0, (int) room);
        }
        repository.insertErrors(run.id(), errors);
    }

    /** Writes the final state of a job and removes it from the runs of this replica. */
    void finish(ImportRun run) {
        flushErrors(run);
        repository.update(run.snapshot(cleaningJson(run)));
        localRuns.remove(run.id());
    }

    Optional<ImportRun> localRun(UUID id) {
        return Optional.ofNullable(localRuns.get(id));
    }

    /**
     * Stores a cancel request for a queued or running job, which the replica that runs it reads
     * within one progress interval. A job of this replica also stops at once.
     *
     * @return false when no job has this id or the job has already finished
     */
    boolean requestCancel(UUID id) {
        if (!repository.requestCancel(id)) {
            return false;
        }
        localRun(id).ifPresent(ImportRun::requestCancel);
        return true;
    }

    public Optional<ImportView> find(UUID id) {
        ImportRun local = localRuns.get(id);
        if (local != null) {
            return Optional.of(view(local));
        }
        return repository.find(id).map(this::view);
    }

    Optional<ImportJob> findByIdempotencyKey(String key) {
        return repository.findByIdempotencyKey(key);
    }

    public List<ImportView> listRecent(int limit) {
        return repository.listRecent(limit).stream()
                .map(job -> localRuns.containsKey(job.id()) ? view(localRuns.get(job.id())) : view(job))
                .toList();
    }

    /** Passes stored rejected rows after {@code afterRow} to the consumer; see {@link ImportJobRepository#readErrors}. */
    public int readErrors(UUID id, long afterRow, int limit, java.util.function.Consumer<RowError> consumer) {
        return repository.readErrors(id, afterRow, limit, consumer);
    }

    ImportView view(ImportRun run) {
        return view(run.snapshot(cleaningJson(run)), run.firstErrors());
    }

    ImportView view(ImportJob job) {
        List<RowError> first = new java.util.ArrayList<>();
        if (job.rowsRejected() > 0) {
            repository.readErrors(job.id(), 0, config.maxReportedErrors(), first::add);
        }
        return view(job, first);
    }

    private ImportView view(ImportJob job, List<RowError> errors) {
        Integer percent = job.bytesTotal() == null || job.bytesTotal() == 0 ? null
                : (int) Math.min(100, job.bytesRead() * 100 / job.bytesTotal());
        return new ImportView(job.id().toString(), job.mapping(), job.onError(), job.inputFormat(), job.status(),
                job.rowsRead(), job.rowsAccepted(), job.rowsRejected(), job.bytesTotal(), job.bytesRead(), percent,
                job.customerEvents(), job.spendEvents(), job.offerEvents(), job.deadLetterEvents(), errors,
                "/api/v1/imports/" + job.id() + "/errors", parseCleaning(job.cleaningJson()), job.failureReason(),
                job.idempotencyKey(), job.startedAt(), job.finishedAt());
    }

    /** Writes the progress of this replica's jobs and renews their heartbeats. */
    @Scheduled(every = "${ingestion.import.progress-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void writeProgress() {
        Collection<ImportRun> runs = List.copyOf(localRuns.values());
        for (ImportRun run : runs) {
            try {
                if (!run.status().isFinal() && repository.update(run.snapshot(cleaningJson(run)))
                        && !run.isCancelRequested()) {
                    LOG.infof("Import %s: cancel requested through the database", run.id());
                    run.requestCancel();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Writing the progress of import %s failed; the next run retries", run.id());
            }
        }
    }

    void onStart(@jakarta.enterprise.event.Observes StartupEvent event) {
        markStaleJobsInterrupted();
    }

    /**
     * Marks queued and running jobs whose replica stopped writing progress as interrupted, so
     * that no job stays running forever after a service stop.
     */
    @Scheduled(every = "${ingestion.import.stale-check-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markStaleJobsInterrupted() {
        try {
            List<UUID> ids = repository.markInterrupted(Instant.now().minus(config.staleAfter()));
            ids.forEach(id -> LOG.warnf("Import %s was interrupted: its service stopped before it finished", id));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Marking interrupted imports failed; the next check retries");
        }
    }

    private String cleaningJson(ImportRun run) {
        try {
            return json.writeValueAsString(run.cleaning().snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising the cleaning counts failed", e);
        }
    }

    private Map<String, Object> parseCleaning(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            LOG.warnf(e, "Stored cleaning counts are not JSON: %s", text);
            return Map.of();
        }
    }
}
