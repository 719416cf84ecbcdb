package io.channelmind.ingestion.rest;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.tracking.CallType;
import io.channelmind.ingestion.tracking.TrackingService;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;
import io.channelmind.web.RoutingProblems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the tracking endpoints of {@link TrackingResource} straight from Vert.x routes, which
 * run before the REST layer. A body with a {@code Content-Length} within the limit is copied once,
 * chunk by chunk, into an array of that size, where the REST layer buffers it and copies it again.
 * The responses, status codes, headers and metrics are those of {@link TrackingResource}, which
 * stays the description of the endpoints in OpenAPI and serves them when
 * {@code ingestion.tracking.vertx-route} is false. The routes run after the body limits
 * ({@link TrackingBodyLimit}) and the rate limit.
 */
@ApplicationScoped
public class TrackingRoutes {

    private static final Logger LOG = Logger.getLogger(TrackingRoutes.class);
    /** After the rate limit (at {@link RouteConstants#ROUTE_ORDER_BEFORE_DEFAULT}), before the REST layer. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1;
    private static final Buffer SUCCESS = Buffer.buffer("{\"success\":true}");
    private static final String JSON = "application/json";

    private final TrackingService service;
    private final IngestionConfig.Tracking config;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final Counter acceptedRequests;

    public TrackingRoutes(TrackingService service, IngestionConfig config, ObjectMapper objectMapper,
            MeterRegistry meters) {
        this.service = service;
        this.config = config.tracking();
        this.objectMapper = objectMapper;
        this.meters = meters;
        this.acceptedRequests = meters.counter(TrackingResource.REQUESTS_METRIC, "outcome", "accepted");
    }

    void install(@Observes Router router) {
        if (!config.vertxRoute()) {
            return;
        }
        for (CallType type : CallType.values()) {
            router.post("/v1/" + type.jsonName()).order(ORDER).handler(context -> handle(context, type));
        }
        router.post("/v1/batch").order(ORDER).handler(context -> handle(context, null));
        router.post("/v1/import").order(ORDER).handler(context -> handle(context, null));
    }

    private void handle(RoutingContext context, CallType type) {
        HttpServerRequest request = context.request();
        Buffer buffered = context.body().buffer();
        if (buffered != null) {
            // A body handler before this route has read the body already.
            accept(context, type, buffered.getBytes());
            return;
        }

        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            // curl sends this header before a body over 1 KiB, then waits up to a second for the 100.
            context.response().writeContinue();
        }
        int limit = type == null ? config.maxBatchBytes() : config.maxEventBytes();
        long declared = contentLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared >= 0 && declared <= limit) {
            readInto(context, type, new byte[(int) declared]);
            return;
        }

        // A chunked body, or a compressed one over the limit. RequestBodies checks the size of
        // both after decompressing.
        request.body().onComplete(read -> {
            if (read.succeeded()) {
                accept(context, type, read.result().getBytes());
            } else {
                context.fail(read.cause());
            }
        });
    }

    /** Copies the body's chunks into {@code body}, whose length is the request's Content-Length. */
    private void readInto(RoutingContext context, CallType type, byte[] body) {
        HttpServerRequest request = context.request();
        int[] received = {0};
        request.handler(chunk -> {
            int length = chunk.length();
            // Netty's HTTP decoder ends the body at Content-Length. The end handler rejects a mismatch.
            if (received[0] + length <= body.length) {
                chunk.getBytes(0, length, body, received[0]);
            }
            received[0] += length;
        });
        request.exceptionHandler(context::fail);
        request.endHandler(end -> {
            if (received[0] != body.length) {
                LOG.warnf("Tracking body on %s has %d bytes, but its Content-Length is %d", context.normalizedPath(),
                        received[0], body.length);
                context.fail(400);
                return;
            }
            accept(context, type, body);
        });
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void accept(RoutingContext context, CallType type, byte[] body) {
        HttpServerRequest request = context.request();
        service.accept(type, request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(HttpHeaders.CONTENT_ENCODING), body)
                .subscribe().with(outcome -> {
                    acceptedRequests.increment();
                    context.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(SUCCESS);
                }, failure -> reject(context, failure));
    }

    /** Ends the request with the problem document that {@link TrackingResource} and the REST layer's mappers write. */
    private void reject(RoutingContext context, Throwable failure) {
        if (failure instanceof ProblemException problemException) {
            Problem problem = problemException.problem();
            TrackingResource.countRejected(meters, problem);
            RoutingProblems.end(context, objectMapper, problem, TrackingResource.headersOf(problem));
            return;
        }
        String path = context.normalizedPath();
        LOG.errorf(failure, "Unexpected failure while processing %s", path);
        RoutingProblems.end(context, objectMapper, Problem.of(500, "internal-error", "Internal server error")
                .detail("The server failed to process the request; the error is in the service log")
                .instance(path)
                .build(), Map.of());
    }
}
