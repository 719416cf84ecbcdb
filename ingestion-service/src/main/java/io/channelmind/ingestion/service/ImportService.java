package io.channelmind.ingestion.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.cleaning.ChannelTaxonomy;
import io.channelmind.ingestion.cleaning.CurrencyConverter;
import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.domain.HeaderMismatchException;
import io.channelmind.ingestion.domain.ImportStatus;
import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.input.InflationLimit;
import io.channelmind.ingestion.input.InputFormat;
import io.channelmind.ingestion.input.RecordReader;
import io.channelmind.ingestion.input.RecordReaders;
import io.channelmind.ingestion.input.SourceRecord;
import io.channelmind.ingestion.input.UnreadableInputException;
import io.channelmind.ingestion.messaging.EventPublisher;
import io.channelmind.ingestion.messaging.PublishFailedException;
import io.channelmind.ingestion.messaging.PublishSession;
import io.channelmind.ingestion.repository.ImportJob;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs imports as background jobs. A submission checks the request, copies the body to a file,
 * matches the header against the mapping and queues the job. A worker then streams the rows to
 * Kafka and ends the job once Kafka has acknowledged every message.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int ERROR_FLUSH_SIZE = 500;

    private final MappingCatalog registry;
    private final ImportJobStore store;
    private final EventPublisher publisher;
    private final IngestionConfig.Imports limits;
    private final MeterRegistry meters;
    private final Path spoolDirectory;
    private final CurrencyConverter currencies;
    private final ChannelTaxonomy taxonomy;
    private ExecutorService workers;

    public ImportService(MappingCatalog registry, ImportJobStore store, EventPublisher publisher, IngestionConfig config,
            MeterRegistry meters) {
        this.registry = registry;
        this.store = store;
        this.publisher = publisher;
        this.limits = config.imports();
        this.meters = meters;
        this.currencies = new CurrencyConverter(config.cleaning().reportingCurrency(), config.cleaning().rates(),
                config.cleaning().datedRates());
        this.taxonomy = ChannelTaxonomy.of(config.cleaning().channels());
        this.spoolDirectory = limits.spoolDirectory()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "channelmind-imports"));
    }

    @PostConstruct
    void startWorkers() {
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(limits.maxConcurrent(), task -> {
            Thread thread = new Thread(task, "import-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Interrupts running imports; their jobs are marked interrupted by the next replica's stale check. */
    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    /** A submitted import: its job and whether an earlier submission with the same idempotency key created it. */
    public record Submission(ImportView job, boolean replayed) {
    }

    /**
     * Checks a request, stores its body and queues the import.
     *
     * @param idempotencyKey the Idempotency-Key header, or null
     * @throws io.channelmind.web.ProblemException for every rejected request
     */
    public Submission submit(ImportRequest request, String idempotencyKey) {
        MappingDefinition mapping = resolveMapping(request.mapping());
        OnError onError = OnError.parse(request.onError())
                .orElseThrow(() -> ImportProblems.invalidOnError(request.onError()));
        MediaType mediaType = parseMediaType(request.contentType());
        InputFormat format = InputFormat.forMediaType(mediaType.getType() + "/" + mediaType.getSubtype())
                .orElseThrow(() -> ImportProblems.unsupportedMediaType(request.contentType()));
        Charset charset = charset(request.charset(), mapping);
        boolean gzipDeclared = isGzipDeclared(request.contentEncoding());
        String key = normaliseIdempotencyKey(idempotencyKey);
        ImportInput input = new ImportInput(mapping, onError, format, charset, gzipDeclared);

        SpooledBody body = spool(request);
        boolean queued = false;
        try {
            if (key != null) {
                Optional<Submission> earlier = earlierSubmission(key, body);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            checkHeader(input, body);
            ImportRun run = new ImportRun(mapping.name(), onError, format, limits.maxReportedErrors(), key, body.sha256(),
                    body.size());
            if (!store.create(run)) {
                // Another request with the same key was stored between the lookup and the insert.
                return earlierSubmission(key, body).orElseThrow();
            }
            LOG.infof("Import %s queued: mapping %s, onError %s, %d bytes", run.id(), run.mapping(),
                    run.onError().jsonName(), body.size());
            workers.execute(() -> execute(run, input, body));
            queued = true;
            return new Submission(store.view(run), false);
        } finally {
            if (!queued) {
                body.delete();
            }
        }
    }

    /**
     * Requests that a running or queued import stops reading. Any replica can take the request,
     * because it is stored on the job. The replica that runs the job stops it within one progress
     * interval, or at once when that is this replica.
     *
     * @return the job, still running until its worker notices the request, or empty when no job has this id
     */
    public Optional<ImportView> cancel(UUID id) {
        if (store.requestCancel(id)) {
            LOG.infof("Import %s: cancel requested", id);
            Optional<ImportRun> local = store.localRun(id);
            return local.isPresent() ? Optional.of(store.view(local.get())) : store.find(id);
        }
        store.find(id).ifPresent(job -> {
            throw ImportProblems.alreadyFinished(job);
        });
        return Optional.empty();
    }

    private SpooledBody spool(ImportRequest request) {
        try {
            return SpooledBody.copy(request.body(), spoolDirectory);
        } catch (IOException e) {
            throw ImportProblems.unreadableBeforeStart(new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM,
                    0, "Reading the request body failed: " + e.getMessage(), e));
        }
    }

    private Optional<Submission> earlierSubmission(String key, SpooledBody body) {
        return store.findByIdempotencyKey(key).map(job -> {
            if (!job.contentSha256().equals(body.sha256())) {
                throw ImportProblems.idempotencyKeyReused(key, job);
            }
            LOG.infof("Import %s returned again for its Idempotency-Key; nothing was published", job.id());
            return new Submission(store.find(job.id()).orElseThrow(), true);
        });
    }

    /** Reads the header and the first row, so that a file the mapping cannot read is rejected before the 202. */
    private void checkHeader(ImportInput input, SpooledBody body) {
        try (RecordReader reader = open(input, body, new AtomicLong())) {
            List<String> header = reader.header();
            if (header == null) {
                throw ImportProblems.emptyBody();
            }
            RowConverter.bind(input.mapping(), header, new ImportContext("check", Instant.now(), null));
            if (reader.next() == null) {
                throw ImportProblems.noDataRows(header);
            }
        } catch (HeaderMismatchException e) {
            throw ImportProblems.headerMismatch(input.mapping().name(), e);
        } catch (UnreadableInputException e) {
            throw e.kind() == UnreadableInputException.Kind.MALFORMED_HEADER
                    ? ImportProblems.malformedHeader(e) : ImportProblems.unreadableBeforeStart(e);
        }
    }

    private RecordReader open(ImportInput input, SpooledBody body, AtomicLong position) {
        InputStream stream;
        try {
            stream = body.open(position);
        } catch (IOException e) {
            throw new UncheckedIOException("Opening the stored import body failed", e);
        }
        MappingDefinition.Format format = input.mapping().format();
        return RecordReaders.open(stream, input.format(), input.charset(), format.delimiter().charAt(0),
                format.quote().charAt(0), input.gzipDeclared(),
                new InflationLimit(limits.maxInflatedSize().asLongValue(), limits.maxInflationRatio()));
    }

    private void execute(ImportRun run, ImportInput input, SpooledBody body) {
        AtomicLong position = new AtomicLong();
        run.trackBytesRead(position::get);
        run.started();
        LOG.infof("Import %s started", run.id());
        PublishSession session = null;
        try (RecordReader reader = open(input, body, position)) {
            RowConverter converter = RowConverter.bind(input.mapping(), reader.header(),
                    new ImportContext(run.id().toString(), run.startedAt(), run.cleaning(), currencies, taxonomy));
            session = publisher.openSession();
            RowImporter importer = new RowImporter(run, converter, session);
            readRows(run, importer, reader);
            session.awaitAcknowledgements(limits.acknowledgementTimeout());
            if (run.isCancelRequested()) {
                run.cancel();
            } else {
                run.complete();
            }
        } catch (RowImporter.ImportStoppedException e) {
            awaitBeforeFailing(run, session);
            RowError error = e.error();
            run.fail("Stopped at malformed row " + error.row()
                    + (error.column() == null ? "" : ", column '" + error.column() + "'") + ": " + error.reason()
                    + ". The rows before it were published and stay stored; fix the row and import the file again, "
                    + "or import with onError=skip to reject malformed rows and import the others");
        } catch (UnreadableInputException e) {
            awaitBeforeFailing(run, session);
            run.fail("Reading stopped at row " + e.row() + ": " + e.getMessage()
                    + ". The rows before it were published and stay stored");
        } catch (PublishFailedException e) {
            LOG.errorf(e, "Import %s failed: Kafka did not acknowledge every message", run.id());
            run.fail("Kafka did not acknowledge every message, so some rows may be missing: " + e.getMessage()
                    + ". Check that Kafka is reachable and import the file again; event ids are deterministic, so "
                    + "rows already stored are not duplicated for consumers");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s failed at row %d", run.id(), run.rowsRead());
            run.fail("Internal error at row " + run.rowsRead() + "; see the service log");
        } finally {
            body.delete();
            finish(run);
        }
    }

    private void readRows(ImportRun run, RowImporter importer, RecordReader reader) {
        // The check comes first, so a job cancelled while it was queued reads no row.
        for (SourceRecord record = reader.next(); record != null; record = reader.next()) {
            if (run.isCancelRequested()) {
                LOG.infof("Import %s cancelled after %d rows", run.id(), run.rowsRead());
                return;
            }
            importer.importRow(record);
            if (run.pendingErrorCount() >= ERROR_FLUSH_SIZE) {
                store.flushErrors(run);
            }
        }
    }

    /** Waits for the rows accepted before a failure, so that "accepted" still means stored. */
    private void awaitBeforeFailing(ImportRun run, PublishSession session) {
        if (session == null) {
            return;
        }
        try {
            session.awaitAcknowledgements(limits.acknowledgementTimeout());
        } catch (PublishFailedException e) {
            LOG.errorf(e, "Import %s failed: Kafka did not acknowledge every message", run.id());
        }
    }

    private void finish(ImportRun run) {
        try {
            store.finish(run);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recording the end of import %s failed; the stale check will mark it interrupted", run.id());
        }
        ImportStatus status = run.status();
        ImportView view = store.view(run);
        meters.counter("channelmind.ingestion.imports", "mapping", run.mapping(), "status", view.status()).increment();
        meters.counter("channelmind.ingestion.import.rows", "mapping", run.mapping(), "outcome", "accepted").increment(view.rowsAccepted());
        meters.counter("channelmind.ingestion.import.rows", "mapping", run.mapping(), "outcome", "rejected").increment(view.rowsRejected());
        if (run.cleaning().snapshot().get("counts") instanceof Map<?, ?> rules) {
            rules.forEach((rule, count) -> meters.counter("channelmind.ingestion.import.cleaning", "mapping", run.mapping(),
                    "rule", rule.toString()).increment(((Number) count).doubleValue()));
        }
        Logger.Level level = status == ImportStatus.COMPLETED || status == ImportStatus.CANCELLED
                ? Logger.Level.INFO : Logger.Level.WARN;
        LOG.logf(level, "Import %s %s: %d rows read, %d accepted, %d rejected; %d customer events, %d spend events, "
                + "%d offer events, %d dead letters%s", run.id(), view.status(), view.rowsRead(), view.rowsAccepted(), view.rowsRejected(),
                view.customerEvents(), view.spendEvents(), view.offerEvents(), view.deadLetterEvents(),
                view.failureReason() == null ? "" : ". " + view.failureReason());
    }

    private static String normaliseIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String trimmed = key.strip();
        if (trimmed.length() > 255) {
            throw ImportProblems.idempotencyKeyTooLong(trimmed);
        }
        return trimmed;
    }

    private MappingDefinition resolveMapping(String name) {
        if (name == null || name.isBlank()) {
            throw ImportProblems.missingMapping(registry.names());
        }
        return registry.find(name.trim()).orElseThrow(() -> ImportProblems.unknownMapping(name, registry.names()));
    }

    private static MediaType parseMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw ImportProblems.unsupportedMediaType(contentType);
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw ImportProblems.unsupportedMediaType(contentType);
        }
    }

    /**
     * Returns the charset named by the query parameter, or else the mapping's. A charset in the
     * Content-Type header is ignored, because HTTP clients often add a default one (such as
     * ISO-8859-1) that does not describe the file.
     */
    private static Charset charset(String requested, MappingDefinition mapping) {
        String name = requested == null || requested.isBlank() ? mapping.format().charset() : requested;
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ImportProblems.unsupportedCharset(name);
        }
    }

    private static boolean isGzipDeclared(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return false;
        }
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw ImportProblems.unsupportedContentEncoding(contentEncoding);
        };
    }
}
