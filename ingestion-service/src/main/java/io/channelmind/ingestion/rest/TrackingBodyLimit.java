package io.channelmind.ingestion.rest;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.tracking.RequestBodies;
import io.channelmind.web.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects a tracking request whose declared {@code Content-Length} is over the call or batch
 * limit before the HTTP layer buffers its body, with the same 400 that reading the body would
 * give. The tracking endpoints run on the event loop, which receives the whole body first, and
 * {@code quarkus.http.limits.max-body-size} is large because of file imports.
 * NOTE: a chunked body, or a gzip body whose compressed size is within the limit, is still
 * buffered whole; its decompressed size is checked afterwards.
 */
@ApplicationScoped
public class TrackingBodyLimit {

    private static final Logger LOG = Logger.getLogger(TrackingBodyLimit.class);
    private static final Set<String> BATCH_PATHS = Set.of("/v1/batch", "/v1/import");
    private static final Set<String> CALL_PATHS = Set.of("/v1/identify", "/v1/track", "/v1/page", "/v1/screen",
            "/v1/group", "/v1/alias");

    private final IngestionConfig.Tracking config;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;

    public TrackingBodyLimit(IngestionConfig config, ObjectMapper objectMapper, MeterRegistry meters) {
        this.config = config.tracking();
        this.objectMapper = objectMapper;
        this.meters = meters;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/v1/*").order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        boolean batch = BATCH_PATHS.contains(path);
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String encoding = context.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean identity = encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
        if ((!batch && !CALL_PATHS.contains(path)) || declared == null || !identity) {
            context.next();
            return;
        }
        long contentLength;
        try {
            contentLength = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            // The HTTP server rejects a malformed Content-Length itself.
            context.next();
            return;
        }
        int limit = batch ? config.maxBatchBytes() : config.maxEventBytes();
        if (contentLength <= limit) {
            context.next();
            return;
        }
        Problem problem = RequestBodies.tooLarge(batch, limit, contentLength).problem();
        TrackingResource.countRejected(meters, problem);
        try {
            byte[] json = objectMapper.writeValueAsBytes(problem);
            // Closing the connection spares reading the rest of the body.
            context.response().setStatusCode(problem.getStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Buffer.buffer(json));
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "Writing the problem for an oversized tracking body of %d bytes on %s failed", contentLength, path);
            context.fail(500, e);
        }
    }
}
