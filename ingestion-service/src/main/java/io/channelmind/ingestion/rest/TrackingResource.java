package io.channelmind.ingestion.rest;

import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.channelmind.ingestion.tracking.CallType;
import io.channelmind.ingestion.tracking.TrackingService;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Segment HTTP tracking API, so Segment and RudderStack SDKs can send here by changing only
 * the host. Each request is authenticated by HTTP Basic with the source's write key as user
 * name, or by the body field {@code writeKey}, and a 200 means Kafka has stored every new event of the request. The methods run on worker
 * threads because they block on the database and on Kafka.
 * TODO: run on the event loop, with the reactive PostgreSQL client for the messageIds and the
 * producer's send callbacks as a Uni, so that a waiting request keeps no worker thread busy.
 */
@Path("/v1")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking")
public class TrackingResource {

    private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    /** Counts tracking requests by outcome: {@code accepted}, or the problem type of a rejected request. */
    static final String REQUESTS_METRIC = "channelmind.ingestion.tracking.requests";
    private static final String PROBLEM_PREFIX = "urn:channelmind:problem:";

    private final TrackingService service;
    private final MeterRegistry meters;

    public TrackingResource(TrackingService service, MeterRegistry meters) {
        this.service = service;
        this.meters = meters;
    }

    @POST
    @Path("/identify")
    @Operation(summary = "Identify a user", description = "Ties a user to their traits; becomes an identify event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response identify(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.IDENTIFY, authorization, contentEncoding, body);
    }

    @POST
    @Path("/track")
    @Operation(summary = "Track an action", description = "Records an action with its properties; needs event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response track(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.TRACK, authorization, contentEncoding, body);
    }

    @POST
    @Path("/page")
    @Operation(summary = "Record a page view")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response page(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.PAGE, authorization, contentEncoding, body);
    }

    @POST
    @Path("/screen")
    @Operation(summary = "Record a screen view of a mobile app")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response screen(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.SCREEN, authorization, contentEncoding, body);
    }

    @POST
    @Path("/group")
    @Operation(summary = "Associate a user with a group", description = "Needs groupId.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response group(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.GROUP, authorization, contentEncoding, body);
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Merge two user ids", description = "Needs previousId and userId.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response alias(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(CallType.ALIAS, authorization, contentEncoding, body);
    }

    /** Segment's analytics-java and other server libraries send their batches here. */
    @POST
    @Path("/import")
    @Operation(summary = "Send several calls (alias of /v1/batch)", description = "The path that Segment's server "
            + "libraries use for batches; the same as POST /v1/batch.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response importBatch(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(null, authorization, contentEncoding, body);
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Send several calls", description = "A body {batch: [calls], sentAt, context}; each call "
            + "names its type. One invalid call rejects the whole batch, and nothing of it is published.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response batch(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        return accept(null, authorization, contentEncoding, body);
    }

    private Response accept(CallType type, String authorization, String contentEncoding, InputStream body) {
        try {
            service.accept(type, authorization, contentEncoding, body);
            meters.counter(REQUESTS_METRIC, "outcome", "accepted").increment();
            return Response.ok(SUCCESS).build();
        } catch (ProblemException e) {
            String problemType = e.problem().getType();
            meters.counter(REQUESTS_METRIC, "outcome", problemType.startsWith(PROBLEM_PREFIX)
                    ? problemType.substring(PROBLEM_PREFIX.length()) : problemType).increment();
            return withHeaders(e.problem());
        }
    }

    /** Adds the headers that a 401 and a 503 need, which a problem document cannot carry. */
    private static Response withHeaders(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.getStatus() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tracking\"");
        }
        if (problem.getStatus() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, problem.getExtensions().get("retryAfterSeconds"));
        }
        return response.build();
    }
}
