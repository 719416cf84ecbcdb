package io.channelmind.ingestion.rest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The Segment HTTP tracking API, so Segment and RudderStack SDKs can send here by changing only
 * the host. Each request is authenticated by HTTP Basic with the source's write key as user
 * name, or by the body field {@code writeKey}, and a 200 means Kafka has stored every new event
 * of the request. The methods run on the event loop and wait for the database and Kafka without
 * holding a thread. The HTTP layer buffers the whole body before a method runs, so
 * {@link TrackingBodyLimit} rejects a declared oversized body before that.
 *
 * <p>By default {@link TrackingRoutes} serves these paths before the REST layer, with the same
 * responses, and this class only describes them in OpenAPI. It serves them when
 * {@code ingestion.tracking.vertx-route} is false.
 * NOTE: the tests run with the routes, so this fallback is not tested.
 */
@PermitAll
@Path("/v1")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking")
public class TrackingResource {

    /** The body of every 200, written once instead of serialising a map per request. */
    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    /** Counts tracking requests by outcome: {@code accepted}, or the problem type of a rejected request. */
    static final String REQUESTS_METRIC = "channelmind.ingestion.tracking.requests";
    /** The {@code WWW-Authenticate} header of a 401. */
    private static final String BASIC_CHALLENGE = "Basic realm=\"tracking\"";
    private static final String PROBLEM_PREFIX = "urn:channelmind:problem:";

    private final TrackingService service;
    private final MeterRegistry meters;
    private final Counter acceptedRequests;

    public TrackingResource(TrackingService service, MeterRegistry meters) {
        this.service = service;
        this.meters = meters;
        this.acceptedRequests = meters.counter(REQUESTS_METRIC, "outcome", "accepted");
    }

    @POST
    @Path("/identify")
    @Operation(summary = "Identify a user", description = "Ties a user to their traits; becomes an identify event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> identify(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.IDENTIFY, authorization, contentEncoding, body);
    }

    @POST
    @Path("/track")
    @Operation(summary = "Track an action", description = "Records an action with its properties; needs event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> track(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.TRACK, authorization, contentEncoding, body);
    }

    @POST
    @Path("/page")
    @Operation(summary = "Record a page view")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> page(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.PAGE, authorization, contentEncoding, body);
    }

    @POST
    @Path("/screen")
    @Operation(summary = "Record a screen view of a mobile app")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> screen(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.SCREEN, authorization, contentEncoding, body);
    }

    @POST
    @Path("/group")
    @Operation(summary = "Associate a user with a group", description = "Needs groupId.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> group(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.GROUP, authorization, contentEncoding, body);
    }

    @POST
    @Path("/alias")
    @Operation(summary = "Merge two user ids", description = "Needs previousId and userId.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> alias(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(CallType.ALIAS, authorization, contentEncoding, body);
    }

    /** Segment's analytics-java and other server libraries send their batches here. */
    @POST
    @Path("/import")
    @Operation(summary = "Send several calls (alias of /v1/batch)", description = "The path that Segment's server "
            + "libraries use for batches; the same as POST /v1/batch.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> importBatch(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(null, authorization, contentEncoding, body);
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Send several calls", description = "A body {batch: [calls], sentAt, context}; each call "
            + "names its type. One invalid call rejects the whole batch, and nothing of it is published.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> batch(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RestHeader(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        return accept(null, authorization, contentEncoding, body);
    }

    private Uni<Response> accept(CallType type, String authorization, String contentEncoding, byte[] body) {
        return service.accept(type, authorization, contentEncoding, body)
                .map(outcome -> {
                    acceptedRequests.increment();
                    return Response.ok(SUCCESS, MediaType.APPLICATION_JSON_TYPE).build();
                })
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    Problem problem = ((ProblemException) failure).problem();
                    countRejected(meters, problem);
                    return withHeaders(problem);
                });
    }

    /** Counts a rejected request under the type of its problem. */
    static void countRejected(MeterRegistry meters, Problem problem) {
        String problemType = problem.getType();
        meters.counter(REQUESTS_METRIC, "outcome", problemType.startsWith(PROBLEM_PREFIX)
                ? problemType.substring(PROBLEM_PREFIX.length()) : problemType).increment();
    }

    /** Returns the response with the problem document and the headers of {@link #headersOf}. */
    private static Response withHeaders(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        headersOf(problem).forEach(response::header);
        return response.build();
    }

    /** Returns the headers that a 401 and a 503 need, which a problem document cannot carry. */
    static Map<String, String> headersOf(Problem problem) {
        if (problem.getStatus() == 401) {
            return Map.of(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        if (problem.getStatus() == 503) {
            return Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(problem.getExtensions().get("retryAfterSeconds")));
        }
        return Map.of();
    }
}
