package io.channelmind.security.tokencache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * The bearer tokens that quarkus-oidc verified in full, each with the identity it built, so that
 * the same token sent again skips the RS256 signature check and the JSON parses. Keyed by a
 * SHA-256 digest of the tenant and the whole token; an entry lives until the token's {@code exp}
 * or {@code channelmind.security.token-cache.max-age}, whichever comes first, and the cache contains
 * at most {@code channelmind.security.token-cache.max-size} entries (least used out first).
 * {@link VerifiedTokenIdentityProvider} answers from it and {@link VerifiedTokenRecorder} fills it.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** Request attribute set on a miss: the key under which the verified identity may be stored. */
    static final String MISS_KEY_ATTRIBUTE = "io.channelmind.security.token-cache.miss-key";
    static final String DEFAULT_TENANT = "Default";
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";

    private final boolean enabled;
    private final long maxAgeNanos;
    private final Cache<String, Entry> entries;

    public VerifiedTokenCache(
            @ConfigProperty(name = "channelmind.security.token-cache.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "channelmind.security.token-cache.max-age", defaultValue = "60s") Duration maxAge,
            @ConfigProperty(name = "channelmind.security.token-cache.max-size", defaultValue = "10000") long maxSize) {
        if (maxAge.isNegative() || maxSize < 0) {
            throw new IllegalArgumentException("channelmind.security.token-cache.max-age (" + maxAge
                    + ") and channelmind.security.token-cache.max-size (" + maxSize
                    + ") must not be negative; set enabled=false to switch the cache off");
        }
        this.enabled = enabled && !maxAge.isZero() && maxSize > 0;
        this.maxAgeNanos = maxAge.toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new UntilExpiry())
                .build();
    }

    boolean enabled() {
        return enabled;
    }

    /** Returns the key of a token for a tenant: a SHA-256 digest, so no token is kept as a key or compared by prefix. */
    static String key(String tenantId, String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tenantId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Returns a fresh identity for this request built from the entry under {@code key}, or null
     * when there is none or the token's {@code exp} has passed.
     */
    SecurityIdentity lookUp(String key, RoutingContext routingContext, AuthenticationRequestContext requestContext) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (System.currentTimeMillis() >= entry.expiresAtMillis()) {
            entries.invalidate(key);
            return null;
        }
        return entry.identityFor(routingContext, requestContext);
    }

    /**
     * Stores the identity that quarkus-oidc built for a verified token, if it is one: a JWT
     * principal, the same access token as the request's and an {@code exp}. Request-bound
     * attributes (the routing context, the blocking-call context) are left out.
     */
    void store(String key, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof OidcJwtCallerPrincipal principal)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        Object tenant = identity.getAttribute(TENANT_ID_ATTRIBUTE);
        if (credential == null || credential.isOpaque() || credential.getToken() == null
                || !key.equals(key(tenant instanceof String id ? id : DEFAULT_TENANT, credential.getToken()))) {
            return;
        }
        long expiresAtMillis = principal.getExpirationTime() * 1000L;
        if (expiresAtMillis <= System.currentTimeMillis()) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        Set<String> routingContextKeys = new HashSet<>();
        Set<String> requestContextKeys = new HashSet<>();
        identity.getAttributes().forEach((name, value) -> {
            if (value instanceof RoutingContext) {
                routingContextKeys.add(name);
            } else if (value instanceof AuthenticationRequestContext) {
                requestContextKeys.add(name);
            } else {
                attributes.put(name, value);
            }
        });
        entries.put(key, new Entry(principal, Set.copyOf(identity.getRoles()), Set.copyOf(identity.getCredentials()),
                Collections.unmodifiableMap(attributes), scopes(principal), Set.copyOf(routingContextKeys),
                Set.copyOf(requestContextKeys), expiresAtMillis));
    }

    /** Drops every entry, for tests and for an operator who rotated the signing key. */
    public void clear() {
        entries.invalidateAll();
    }

    /** Returns the number of entries, for tests. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /*
     * quarkus-oidc turns the scope claim into string permissions (OidcUtils.addTokenScopesAsPermissions).
     * The cached identity gets the same ones from the claim. A permission checker that delegated to
     * the first identity would keep that request's routing context alive.
     */
    private static Set<String> scopes(JsonWebToken principal) {
        Object scope = principal.getClaim("scope");
        if (!(scope instanceof String value) || value.isBlank()) {
            return Set.of();
        }
        return Set.of(value.trim().split("\\s+"));
    }

    private record Entry(Principal principal, Set<String> roles, Set<Credential> credentials,
            Map<String, Object> attributes, Set<String> permissions, Set<String> routingContextKeys,
            Set<String> requestContextKeys, long expiresAtMillis) {

        SecurityIdentity identityFor(RoutingContext routingContext, AuthenticationRequestContext requestContext) {
            QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal)
                    .addRoles(roles)
                    .addCredentials(credentials)
                    .addAttributes(attributes);
            if (!permissions.isEmpty()) {
                builder.addPermissionsAsString(permissions);
            }
            routingContextKeys.forEach(name -> builder.addAttribute(name, routingContext));
            requestContextKeys.forEach(name -> builder.addAttribute(name, requestContext));
            return builder.build();
        }
    }

    /** Ends an entry at the token's exp or after max-age, whichever is sooner; reads do not extend it. */
    private final class UntilExpiry implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            long untilExp = Math.max(0, entry.expiresAtMillis() - System.currentTimeMillis()) * 1_000_000L;
            return Math.min(untilExp, maxAgeNanos);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
