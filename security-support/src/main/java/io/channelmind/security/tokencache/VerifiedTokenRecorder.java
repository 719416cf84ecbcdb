package io.channelmind.security.tokencache;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Stores in {@link VerifiedTokenCache} the identity that quarkus-oidc built after it verified a
 * token that {@link VerifiedTokenIdentityProvider} did not find. Augmentors run only after a
 * provider succeeded, so a rejected token is never stored. With the highest priority this one
 * stores the identity before any other augmentor changes it, and those run again on every cache hit.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokenCache cache;

    public VerifiedTokenRecorder(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (attributes != null && attributes.get(VerifiedTokenCache.MISS_KEY_ATTRIBUTE) instanceof String key) {
            cache.store(key, identity);
        }
        return Uni.createFrom().item(identity);
    }
}
