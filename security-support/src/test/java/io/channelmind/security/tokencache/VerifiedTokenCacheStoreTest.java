package io.channelmind.security.tokencache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** What {@link VerifiedTokenCache#store} keeps, without a running application. */
class VerifiedTokenCacheStoreTest {

    /* quarkus-oidc counts a credential that is not a JWT as opaque, so the tokens have JWT form (unsigned). */
    private static final String TOKEN = jwt("alice");
    private static final String KEY = VerifiedTokenCache.key(VerifiedTokenCache.DEFAULT_TENANT, TOKEN);

    private final VerifiedTokenCache cache = new VerifiedTokenCache(true, Duration.ofSeconds(60), 10);

    @Test
    void storesOidcIdentity() throws Exception {
        cache.store(KEY, oidcIdentity(TOKEN, nowSeconds() + 600));
        assertEquals(1, cache.size());
        assertNotNull(cache.lookUp(KEY, null, null));
    }

    @Test
    void skipsIdentityOfAnotherProvider() {
        SecurityIdentity basic = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("writer"))
                .addRole("admin").addCredential(new AccessTokenCredential(TOKEN)).build();
        cache.store(KEY, basic);
        assertEquals(0, cache.size());
    }

    @Test
    void skipsTokenOtherThanRequests() throws Exception {
        cache.store(KEY, oidcIdentity(jwt("mallory"), nowSeconds() + 600));
        assertEquals(0, cache.size());
    }

    @Test
    void skipsExpiredToken() throws Exception {
        cache.store(KEY, oidcIdentity(TOKEN, nowSeconds() - 1));
        assertEquals(0, cache.size());
    }

    @Test
    void disabledCacheAnswersNothing() throws Exception {
        VerifiedTokenCache off = new VerifiedTokenCache(false, Duration.ofSeconds(60), 10);
        assertFalse(off.enabled());
        VerifiedTokenCache zeroAge = new VerifiedTokenCache(true, Duration.ZERO, 10);
        assertFalse(zeroAge.enabled());
        assertNull(off.lookUp(KEY, null, null));
    }

    private static SecurityIdentity oidcIdentity(String token, long expiry) throws Exception {
        AccessTokenCredential credential = new AccessTokenCredential(token);
        JwtClaims claims = JwtClaims.parse("{\"sub\":\"alice\",\"upn\":\"alice\",\"exp\":" + expiry + "}");
        return QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(claims, credential))
                .addRole("viewer").addCredential(credential).addAttribute("tenant-id", "Default").build();
    }

    private static String jwt(String subject) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
