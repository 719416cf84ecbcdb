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
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects a request whose {@code Content-Length} passes the body size limit with a 413 problem
 * that names the limit, before any byte of the body is read. Quarkus enforces the same limit
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
        // NOTE: a chunked body has no Content-Length, so only Quarkus' limit applies to it, and
        // the JSON limit does not.
        boolean isJson = isJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        long limit = isJson && maxJsonBytes.isPresent() ? Math.min(maxJsonBytes.get(), maxBodyBytes) : maxBodyBytes;
        if (length <= limit) {
            context.next();
            return;
        }
        String key = limit == maxBodyBytes ? BODY_KEY : JSON_KEY;
        LOG.debugf("Rejected a body of %d bytes to %s: the limit %s is %d bytes", length, context.normalizedPath(),
                key, limit);
        reject(context, length, limit, key);
    }

    private void reject(RoutingContext context, long length, long limit, String key) {
        Problem problem = Problem.of(413, "body-too-large", "Request body too large")
                .detail("The request body has " + length + " bytes, more than the limit of " + limit + " bytes (" + key
                        + ")")
                .instance(context.normalizedPath())
                .error("body", length, "Send at most " + limit + " bytes, split the request, or ask the operator to "
                        + "raise " + key)
                .with("limit", key)
                .build();
        // The body is never read, so the connection closes after the response.
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
