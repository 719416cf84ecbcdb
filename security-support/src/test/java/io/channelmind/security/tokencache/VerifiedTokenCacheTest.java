package io.channelmind.security.tokencache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.security.Roles;
import io.channelmind.security.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(NoDatabaseProfile.class)
class VerifiedTokenCacheTest {

    private static final String ISSUER = "channelmind-local";
    private static final String AUDIENCE = "channelmind";

    @Inject
    VerifiedTokenCache cache;

    @BeforeEach
    void emptyCache() {
        cache.clear();
    }

    @Test
    void cachedTokenKeepsIdentityPerRequest() {
        String token = TestTokens.token("alice", List.of(Roles.VIEWER), Duration.ofHours(1));
        probe(token, "first").statusCode(200).body(equalTo("alice|viewer|first|true|Default|true|true"));
        assertEquals(1, cache.size());
        probe(token, "second").statusCode(200).body(equalTo("alice|viewer|second|true|Default|true|true"));
        probe(token, "third").statusCode(200).body(equalTo("alice|viewer|third|true|Default|true|true"));
        assertEquals(1, cache.size());
    }

    @Test
    void badTokensRefusedBesideCachedOne() {
        String valid = TestTokens.forRole(Roles.ADMIN);
        probe(valid, "valid").statusCode(200);
        long now = System.currentTimeMillis() / 1000;

        String[] parts = valid.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                SignedClaims.adminClaims(ISSUER, AUDIENCE, now - 10, now + 3600).getBytes(StandardCharsets.UTF_8));
        probe(parts[0] + "." + otherPayload + "." + parts[2], "tampered").statusCode(401);
        probe(valid + "x", "longer signature").statusCode(401);
        probe(TestTokens.forOtherAudience("another-app"), "audience").statusCode(401);
        probe(SignedClaims.sign(SignedClaims.adminClaims("another-issuer", AUDIENCE, now - 10, now + 3600)), "issuer")
                .statusCode(401);
        probe(TestTokens.token("late", List.of(Roles.ADMIN), Duration.ofMinutes(-5)), "expired").statusCode(401);
        probe(SignedClaims.sign(SignedClaims.adminClaims(ISSUER, AUDIENCE, now + 600, now + 3600)), "not yet")
                .statusCode(401);

        assertEquals(1, cache.size(), "only the valid token is cached");
        probe(valid, "valid again").statusCode(200);
    }

    @Test
    void cachedTokenIsRefusedAfterItsExpiry() throws InterruptedException {
        String shortLived = TestTokens.token("brief", List.of(Roles.ADMIN), Duration.ofSeconds(2));
        probe(shortLived, "before").statusCode(200);
        probe(shortLived, "before again").statusCode(200);
        assertEquals(1, cache.size());
        // exp has whole seconds: wait until the second after it has begun.
        Thread.sleep(3_100);
        probe(shortLived, "after").statusCode(401);
        assertEquals(0, cache.size());
    }

    @Test
    void cachedTokenDoesNotWidenAnotherTokensRoles() {
        String admin = TestTokens.forRole(Roles.ADMIN);
        String analyst = TestTokens.forRole(Roles.ANALYST);
        probe(admin, "admin").statusCode(200);
        probe(analyst, "analyst").statusCode(403);
        // Both are valid tokens, so both are cached, each with its own roles.
        assertEquals(2, cache.size());
        probe(analyst, "analyst again").statusCode(403);
        probe(admin, "admin again").statusCode(200).body(startsWith("test-admin|admin|admin again|"));
    }

    static io.restassured.response.ValidatableResponse probe(String token, String probe) {
        return given().header("Authorization", "Bearer " + token).header("X-Probe", probe)
                .get("/token-probe").then();
    }
}
