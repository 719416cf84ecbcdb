package io.channelmind.ingestion.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;

/** Bulk import of files (CSV or NDJSON) as background jobs: start, progress, cancel and error reports. */
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

    /** Runs on a worker thread because it copies the body as a blocking stream before it responds. */
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start an import", description = "Stores a CSV or NDJSON file (optionally gzip-compressed), "
            + "checks its header against the column mapping and responds 202 with the queued job and its Location. "
            + "The rows are then streamed to Kafka in the background. With an Idempotency-Key, sending the same file "
            + "again responds 200 with the existing job and publishes nothing; the same key with another file is a 422.")
    @RequestBody(content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING))
    })
    public Response importFile(
            @Parameter(description = "Name of the column mapping, see GET /api/v1/mappings") @RestQuery String mapping,
            @Parameter(description = "stop (default) ends the import at the first malformed row; skip rejects malformed "
                    + "rows to the dead-letter topic and imports the others") @RestQuery String onError,
            @Parameter(description = "Charset of the file, such as GB18030; overrides the mapping's charset")
            @RestQuery String charset,
            @Parameter(description = "A client-chosen key of at most 255 characters, such as a UUID; a second request "
                    + "with the same key and file returns the first job") @RestHeader("Idempotency-Key") String idempotencyKey,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            InputStream body) {
        ImportService.Submission submission = importService.submit(
                new ImportRequest(mapping, onError, charset, contentType, contentEncoding, body), idempotencyKey);
        ImportView job = submission.job();
        return Response.status(submission.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(URI.create("/api/v1/imports/" + job.importId()))
                .entity(job)
                .build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{importId}")
    @Operation(summary = "Get an import", description = "The import job with its status, progress and counts.")
    public ImportView get(@RestPath String importId) {
        return store.find(parseId(importId)).orElseThrow(() -> notFound(importId));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Path("/{importId}/cancel")
    @Operation(summary = "Cancel an import", description = "Stops a queued or running import after the current row. "
            + "Rows already published stay published and counted; the job ends as cancelled.")
    public Response cancel(@RestPath String importId) {
        ImportView job = importService.cancel(parseId(importId)).orElseThrow(() -> notFound(importId));
        return Response.accepted(job).location(URI.create("/api/v1/imports/" + importId)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{importId}/errors")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Download the error report", description = "Every rejected row of the import (row number, "
            + "column, value, reason) in row order, as a JSON array or as CSV.")
    public Response errors(@RestPath String importId,
            @Parameter(description = "json (default) or csv; overrides the Accept header") @RestQuery String format,
            @RestHeader(HttpHeaders.ACCEPT) String accept) {
        UUID id = parseId(importId);
        ImportView job = store.find(id).orElseThrow(() -> notFound(importId));
        ErrorReport report = ErrorReport.choose(format, accept);
        StreamingOutput output = stream -> report.write(stream, (afterRow, consumer) ->
                store.readErrors(id, afterRow, ErrorReport.PAGE_SIZE, consumer));
        return Response.ok(output, report.mediaType())
                .header("Content-Disposition", "attachment; filename=\"import-" + job.importId() + "-errors."
                        + report.extension() + "\"")
                .build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "List recent imports", description = "The most recent imports first.")
    public List<ImportView> list(@Parameter(description = "Number of imports, 1 to 100 (default 20)") @RestQuery Integer limit) {
        int size = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (size < 1 || size > MAX_LIST_LIMIT) {
            throw Problem.of(400, "invalid-limit", "Invalid limit")
                    .detail("The query parameter 'limit' must be between 1 and " + MAX_LIST_LIMIT + ", not " + size)
                    .error("limit", size, "Use a number from 1 to " + MAX_LIST_LIMIT)
                    .toException();
        }
        return store.listRecent(size);
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
