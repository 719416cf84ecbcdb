package io.channelmind.security.tokencache;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a bearer-token request from {@link VerifiedTokenCache} before quarkus-oidc's
 * OidcIdentityProvider runs. The identity provider manager asks providers of the same request
 * type in descending priority and moves on to the next one when a provider returns a null item,
 * so a miss (or a disabled cache) returns null and quarkus-oidc verifies the token as before;
 * this provider never fails a request itself.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Above quarkus-oidc's provider, which keeps the default priority. */
    static final int PRIORITY = SYSTEM_FIRST + 1000;

    private final VerifiedTokenCache cache;

    public VerifiedTokenIdentityProvider(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!cache.enabled() || !(request.getToken() instanceof AccessTokenCredential credential)
                || credential.getToken() == null) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext == null) {
            return Uni.createFrom().nullItem();
        }
        // NOTE: one OIDC tenant only; with tenant resolvers the tenant may not be known here yet.
        Object tenant = routingContext.get(VerifiedTokenCache.TENANT_ID_ATTRIBUTE);
        String key = VerifiedTokenCache.key(tenant instanceof String id ? id : VerifiedTokenCache.DEFAULT_TENANT,
                credential.getToken());
        SecurityIdentity identity = cache.lookUp(key, routingContext, context);
        if (identity == null) {
            request.setAttribute(VerifiedTokenCache.MISS_KEY_ATTRIBUTE, key);
            return Uni.createFrom().nullItem();
        }
        // quarkus-oidc's provider leaves the blocking-call context here for later OIDC calls.
        routingContext.put(AuthenticationRequestContext.class.getName(), context);
        return Uni.createFrom().item(identity);
    }
}
