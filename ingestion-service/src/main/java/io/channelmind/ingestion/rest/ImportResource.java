package io.channelmind.ingestion.rest;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.channelmind.ingestion.service.ImportJobStore;
import io.channelmind.ingestion.service.ImportRequest;
import io.channelmind.ingestion.service.ImportService;
import io.channelmind.ingestion.service.ImportView;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Bulk import of files (CSV or NDJSON) and the records of past imports. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {

    private static final int DEFAULT_LIST_LIMIT = 20;
    private static final int MAX_LIST_LIMIT = 100;

    private final ImportService importService;
    private final ImportJobStore store;

    public ImportResource(ImportService importService, ImportJobStore store) {
        this.importService = importService;
        this.store = store;
    }

    /** Runs on a worker thread because it reads the body as a blocking stream, row by row. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a file", description = "Streams a CSV or NDJSON file (optionally gzip-compressed) "
            + "through a column mapping to Kafka and answers after Kafka acknowledged every message.")
    @RequestBody(content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING))
    })
    public ImportView importFile(
            @Parameter(description = "Name of the column mapping, see GET /api/v1/mappings") @RestQuery String mapping,
            @Parameter(description = "stop (default) ends the import at the first malformed row; skip rejects malformed "
                    + "rows to the dead-letter topic and imports the others") @RestQuery String onError,
            @Parameter(description = "Charset of the file, such as GB18030; overrides the mapping's charset")
            @RestQuery String charset,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            InputStream body) {
        return importService.importFile(new ImportRequest(mapping, onError, charset, contentType, contentEncoding, body));
    }

    @GET
    @Path("/{importId}")
    @Operation(summary = "Get an import", description = "The stored import record with its status and counts.")
    public Uni<ImportView> get(@RestPath String importId) {
        UUID id = parseId(importId);
        return store.find(id).map(job -> {
            if (job == null) {
                throw notFound(importId);
            }
            return ImportView.of(job);
        });
    }

    @GET
    @Operation(summary = "List recent imports", description = "The most recent imports first.")
    public Uni<List<ImportView>> list(@Parameter(description = "Number of imports, 1 to 100 (default 20)") @RestQuery Integer limit) {
        int size = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (size < 1 || size > MAX_LIST_LIMIT) {
            throw Problem.of(400, "invalid-limit", "Invalid limit")
                    .detail("The query parameter 'limit' must be between 1 and " + MAX_LIST_LIMIT + ", not " + size)
                    .error("limit", size, "Use a number from 1 to " + MAX_LIST_LIMIT)
                    .toException();
        }
        return store.listRecent(size).map(jobs -> jobs.stream().map(ImportView::of).toList());
    }

    private static UUID parseId(String importId) {
        try {
            return UUID.fromString(importId);
        } catch (IllegalArgumentException e) {
            throw notFound(importId);
        }
    }

    private static RuntimeException notFound(String importId) {
        return Problem.of(404, "import-not-found", "Import not found")
                .detail("No import has the id '" + importId + "'")
                .instance("/api/v1/imports/" + importId)
                .error("importId", importId, "Use the importId of a POST /api/v1/imports response or of GET /api/v1/imports")
                .toException();
    }
}
