package io.channelmind.security.tokencache;

import static io.channelmind.security.tokencache.VerifiedTokenCacheTest.probe;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.security.Roles;
import io.channelmind.security.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(VerifiedTokenCacheOffTest.CacheOff.class)
class VerifiedTokenCacheOffTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void disabledCacheStoresNothing() {
        String token = TestTokens.token("bob", List.of(Roles.VIEWER), Duration.ofHours(1));
        probe(token, "one").statusCode(200).body(equalTo("bob|viewer|one|true|Default|true|true"));
        probe(token, "two").statusCode(200).body(equalTo("bob|viewer|two|true|Default|true|true"));
        probe(TestTokens.forOtherAudience("another-app"), "audience").statusCode(401);
        assertEquals(0, cache.size());
    }

    public static class CacheOff extends NoDatabaseProfile {
        @Override
        protected Map<String, String> extraConfig() {
            return Map.of("channelmind.security.token-cache.enabled", "false");
        }
    }
}
