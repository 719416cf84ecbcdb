package io.channelmind.ingestion.service;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.domain.HeaderMismatchException;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.input.InputFormat;
import io.channelmind.ingestion.input.RecordReader;
import io.channelmind.ingestion.input.RecordReaders;
import io.channelmind.ingestion.input.SourceRecord;
import io.channelmind.ingestion.input.UnreadableInputException;
import io.channelmind.ingestion.messaging.EventPublisher;
import io.channelmind.ingestion.messaging.PublishFailedException;
import io.channelmind.ingestion.messaging.PublishSession;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Imports a file: checks the request, matches the header against the mapping, then streams the
 * rows to Kafka and responds once Kafka has acknowledged every message.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final MappingRegistry registry;
    private final ImportJobStore store;
    private final EventPublisher publisher;
    private final IngestionConfig.Imports limits;
    private final MeterRegistry meters;

    public ImportService(MappingRegistry registry, ImportJobStore store, EventPublisher publisher, IngestionConfig config,
            MeterRegistry meters) {
        this.registry = registry;
        this.store = store;
        this.publisher = publisher;
        this.limits = config.imports();
        this.meters = meters;
    }

    /**
     * Runs an import to its end. Blocks while it reads the body and waits for Kafka.
     *
     * @throws io.channelmind.web.ProblemException for every rejected request and every import that did not complete
     */
    public ImportView importFile(ImportRequest request) {
        MappingDefinition mapping = resolveMapping(request.mapping());
        OnError onError = OnError.parse(request.onError())
                .orElseThrow(() -> ImportProblems.invalidOnError(request.onError()));
        MediaType mediaType = parseMediaType(request.contentType());
        InputFormat format = InputFormat.forMediaType(mediaType.getType() + "/" + mediaType.getSubtype())
                .orElseThrow(() -> ImportProblems.unsupportedMediaType(request.contentType()));
        Charset charset = charset(request.charset(), mapping);
        boolean gzipDeclared = isGzipDeclared(request.contentEncoding());

        ImportRun run = new ImportRun(mapping.name(), onError, format, limits.maxReportedErrors());
        char delimiter = mapping.format().delimiter().charAt(0);
        char quote = mapping.format().quote().charAt(0);
        try (RecordReader reader = RecordReaders.open(request.body(), format, charset, delimiter, quote, gzipDeclared)) {
            return start(run, mapping, reader);
        } catch (UnreadableInputException e) {
            throw ImportProblems.unreadableBeforeStart(e);
        }
    }

    private ImportView start(ImportRun run, MappingDefinition mapping, RecordReader reader) {
        List<String> header;
        RowConverter converter;
        SourceRecord first;
        try {
            header = reader.header();
            if (header == null) {
                throw ImportProblems.emptyBody();
            }
            converter = RowConverter.bind(mapping, header, new ImportContext(run.id().toString(), run.startedAt()));
            first = reader.next();
        } catch (HeaderMismatchException e) {
            throw ImportProblems.headerMismatch(mapping.name(), e);
        } catch (UnreadableInputException e) {
            throw e.kind() == UnreadableInputException.Kind.MALFORMED_HEADER
                    ? ImportProblems.malformedHeader(e) : ImportProblems.unreadableBeforeStart(e);
        }
        if (first == null) {
            throw ImportProblems.noDataRows(header);
        }

        store.create(run);
        LOG.infof("Import %s started: mapping %s, onError %s", run.id(), run.mapping(), run.onError().jsonName());
        return execute(run, new RowImporter(run, converter, publisher.openSession()), reader, first);
    }

    private ImportView execute(ImportRun run, RowImporter importer, RecordReader reader, SourceRecord first) {
        try {
            for (SourceRecord record = first; record != null; record = reader.next()) {
                importer.importRow(record);
            }
            importer.session().awaitAcknowledgements(limits.acknowledgementTimeout());
            run.complete();
            finish(run);
            return run.view();
        } catch (RowImporter.ImportStoppedException e) {
            awaitBeforeFailing(run, importer.session());
            fail(run, "Stopped at malformed row " + e.error().row());
            throw ImportProblems.malformedRow(run, e.error());
        } catch (UnreadableInputException e) {
            awaitBeforeFailing(run, importer.session());
            fail(run, "Stopped at unreadable row " + e.row() + ": " + e.getMessage());
            throw ImportProblems.unreadableDuringImport(run, e);
        } catch (PublishFailedException e) {
            LOG.errorf(e, "Import %s failed: Kafka did not acknowledge every message", run.id());
            fail(run, "Kafka did not acknowledge every message: " + e.getMessage());
            throw ImportProblems.publishFailed(run);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s failed at row %d", run.id(), run.rowsRead());
            fail(run, "Internal error; see the service log");
            throw e;
        }
    }

    /** Waits for the rows accepted before a failure, so that "accepted" still means stored. */
    private void awaitBeforeFailing(ImportRun run, PublishSession session) {
        try {
            session.awaitAcknowledgements(limits.acknowledgementTimeout());
        } catch (PublishFailedException e) {
            LOG.errorf(e, "Import %s failed: Kafka did not acknowledge every message", run.id());
            fail(run, "Kafka did not acknowledge every message: " + e.getMessage());
            throw ImportProblems.publishFailed(run);
        }
    }

    private void fail(ImportRun run, String reason) {
        run.fail(reason);
        try {
            finish(run);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recording the failure of import %s failed; its record stays 'running'", run.id());
        }
    }

    private void finish(ImportRun run) {
        store.finish(run);
        ImportView view = run.view();
        meters.counter("ingestion.imports", "mapping", run.mapping(), "status", view.status()).increment();
        meters.counter("ingestion.import.rows", "mapping", run.mapping(), "outcome", "accepted").increment(view.rowsAccepted());
        meters.counter("ingestion.import.rows", "mapping", run.mapping(), "outcome", "rejected").increment(view.rowsRejected());
        Logger.Level level = view.failureReason() == null ? Logger.Level.INFO : Logger.Level.WARN;
        LOG.logf(level, "Import %s %s: %d rows read, %d accepted, %d rejected; %d customer events, %d spend events, "
                + "%d dead letters%s", run.id(), view.status(), view.rowsRead(), view.rowsAccepted(), view.rowsRejected(),
                view.customerEvents(), view.spendEvents(), view.deadLetterEvents(),
                view.failureReason() == null ? "" : ". " + view.failureReason());
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
