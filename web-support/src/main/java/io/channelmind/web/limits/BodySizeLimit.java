package io.channelmind.web.limits;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.Problem;
import io.channelmind.web.RoutingProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects a request whose {@code Content-Length} passes the body size limit with a 413 problem
 * that names the limit, before any byte of the body is read, and a chunked JSON body as soon as
 * it passes the limit. Quarkus enforces the same limit
 * ({@code quarkus.http.limits.max-body-size}), but with an empty response. JSON bodies may have
 * a lower limit of their own ({@code channelmind.http.max-json-body-size}), for a service such
 * as ingestion whose file uploads need a far higher limit than its JSON API.
 */
@Singleton
public class BodySizeLimit {

    static final String BODY_KEY = "quarkus.http.limits.max-body-size";
    static final String JSON_KEY = "channelmind.http.max-json-body-size";

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);

    private final long maxBodyBytes;
    private final Optional<Long> maxJsonBytes;
    private final ObjectMapper json;

    public BodySizeLimit(@ConfigProperty(name = BODY_KEY, defaultValue = "10240K") MemorySize maxBody,
            @ConfigProperty(name = JSON_KEY) Optional<MemorySize> maxJson, ObjectMapper json) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxJsonBytes = maxJson.map(MemorySize::asLongValue);
        this.json = json;
    }

    /** Runs before Quarkus' own check of the body size, which responds without a body. */
    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    void check(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // Vert.x rejects a malformed Content-Length itself.
            context.next();
            return;
        }
        boolean isJson = isJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        long limit = isJson && maxJsonBytes.isPresent() ? Math.min(maxJsonBytes.get(), maxBodyBytes) : maxBodyBytes;
        String key = limit == maxBodyBytes ? BODY_KEY : JSON_KEY;
        if (length < 0 && isJson && !context.request().isEnded()) {
            readChunkedJson(context, limit, key);
            return;
        }
        // NOTE: a chunked body that is not JSON, such as a streamed CSV import, is not read here
        // because it may be far larger than memory. Quarkus' own check of max-body-size stops it
        // with a 413 that has no problem document.
        if (length <= limit) {
            context.next();
            return;
        }
        LOG.debugf("Rejected a body of %d bytes to %s: the limit %s is %d bytes", length, context.normalizedPath(),
                key, limit);
        reject(context, "The request body has " + length + " bytes, more than the limit of " + limit + " bytes (" + key
                + ")", length, limit, key);
    }

    /**
     * Reads a JSON body without {@code Content-Length} (chunked) into memory up to the limit and
     * hands it to the REST layer, which reads a body that a route handler stored instead of the
     * request stream. One byte past the limit rejects the request with a problem document.
     */
    private void readChunkedJson(RoutingContext context, long limit, String key) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] rejected = {false};
        request.handler(chunk -> {
            if (rejected[0]) {
                return;
            }
            long received = (long) body.length() + chunk.length();
            if (received > limit) {
                rejected[0] = true;
                LOG.debugf("Rejected a chunked body of more than %d bytes to %s: the limit %s is %d bytes", limit,
                        context.normalizedPath(), key, limit);
                reject(context, "The chunked request body passed the limit of " + limit + " bytes (" + key + ")", received,
                        limit, key);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!rejected[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.exceptionHandler(context::fail);
        request.resume();
    }

    private void reject(RoutingContext context, String detail, long length, long limit, String key) {
        Problem problem = Problem.of(413, "body-too-large", "Request body too large")
                .detail(detail)
                .instance(context.normalizedPath())
                .error("body", length, "Send at most " + limit + " bytes, split the request, or ask the operator to "
                        + "raise " + key)
                .with("limit", key)
                .build();
        // The rest of the body is never read, so the connection closes after the response.
        RoutingProblems.end(context, json, problem, Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
