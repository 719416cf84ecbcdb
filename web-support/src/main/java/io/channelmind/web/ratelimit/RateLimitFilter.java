package io.channelmind.web.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.Problem;
import io.channelmind.web.RoutingProblems;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rejects a request with 429, {@code Retry-After} and a problem document when its key has used
 * up its token bucket. Two limits apply: per write key on the configured write key paths, and per
 * principal, or per client address without one, on every other path under {@code /api/}. The
 * buckets live in this replica's memory, so with N replicas a key may send up to N times the limit.
 */
@Singleton
public class RateLimitFilter {

    static final String API_LIMIT = "channelmind.rate-limit.api";
    static final String WRITE_KEY_LIMIT = "channelmind.rate-limit.write-key";
    static final String REJECTED_METRIC = "channelmind.ratelimit.rejected";

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    private static final String API_PREFIX = "/api/";

    private final Optional<TokenBuckets> api;
    private final Optional<TokenBuckets> writeKey;
    private final List<String> writeKeyPaths;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public RateLimitFilter(RateLimitConfig config, ObjectMapper json, MeterRegistry metrics) {
        this(config, json, metrics, System::nanoTime);
    }

    RateLimitFilter(RateLimitConfig config, ObjectMapper json, MeterRegistry metrics, LongSupplier nanoTime) {
        this.api = buckets(config.api(), config.maxKeys(), nanoTime);
        this.writeKey = buckets(config.writeKey(), config.maxKeys(), nanoTime);
        this.writeKeyPaths = config.writeKey().paths().orElse(List.of());
        this.json = json;
        this.metrics = metrics;
    }

    private static Optional<TokenBuckets> buckets(RateLimitConfig.Limit limit, int maxKeys, LongSupplier nanoTime) {
        if (limit.requestsPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new TokenBuckets(limit.burst(), limit.requestsPerSecond(), maxKeys, nanoTime));
    }

    /** Runs after authentication, so the principal is known, and before the REST endpoints. */
    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::check);
    }

    void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (writeKey.isPresent() && isWriteKeyPath(path)) {
            apply(context, writeKey.get(), WRITE_KEY_LIMIT, writeKeyOf(context));
        } else if (api.isPresent() && path.startsWith(API_PREFIX)) {
            apply(context, api.get(), API_LIMIT, principalOf(context));
        } else {
            context.next();
        }
    }

    private boolean isWriteKeyPath(String path) {
        return writeKeyPaths.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    private void apply(RoutingContext context, TokenBuckets buckets, String limit, String key) {
        Duration wait = buckets.take(key);
        if (wait.isZero()) {
            context.next();
            return;
        }
        metrics.counter(REJECTED_METRIC, "limit", limit).increment();
        LOG.debugf("Rate limit %s reached on %s; retry after %s", limit, context.normalizedPath(), wait);
        reject(context, limit, retryAfterSeconds(wait));
    }

    /** Rounds up to whole seconds, because Retry-After has no fractions. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }

    private void reject(RoutingContext context, String limit, long retryAfter) {
        Problem problem = Problem.of(429, "rate-limited", "Too many requests")
                .detail("The rate limit " + limit + " is reached; retry after " + retryAfter + " second(s)")
                .instance(context.normalizedPath())
                .error("request", null, "Wait " + retryAfter + " second(s) as Retry-After says, send fewer requests,"
                        + " or ask the operator to raise " + limit + ".requests-per-second")
                .with("limit", limit)
                .with("retryAfterSeconds", retryAfter)
                .build();
        RoutingProblems.end(context, json, problem, Map.of(HttpHeaders.RETRY_AFTER.toString(), Long.toString(retryAfter)));
    }

    /** Returns the principal name, or the client address for an anonymous request. */
    private static String principalOf(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return "principal:" + user.getSecurityIdentity().getPrincipal().getName();
        }
        return clientAddressOf(context);
    }

    /**
     * Returns a digest of the write key that HTTP Basic authentication carries as user name, so
     * the key itself is not held in memory, or the client address without one.
     */
    static String writeKeyOf(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                String user = decoded.split(":", 2)[0];
                if (!user.isEmpty()) {
                    return "write-key:" + sha256(user);
                }
            } catch (IllegalArgumentException e) {
                // Not Base64: the endpoint rejects the credentials itself.
            }
        }
        // NOTE: a write key sent in the JSON body (writeKey) is read only after this filter, so
        // such requests share the bucket of their client address.
        return clientAddressOf(context);
    }

    private static String clientAddressOf(RoutingContext context) {
        return context.request().remoteAddress() == null ? "address:unknown"
                : "address:" + context.request().remoteAddress().hostAddress();
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
