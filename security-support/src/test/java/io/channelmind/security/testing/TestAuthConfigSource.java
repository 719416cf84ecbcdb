package io.channelmind.security.testing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.channelmind.security.Roles;

/**
 * Feeds the per-JVM test key to {@code quarkus.oidc.public-key} and a {@code service} token to
 * {@code channelmind.security.service-token}, above application.properties, so that every
 * Quarkus test of a service that depends on this test-jar verifies {@link TestTokens}' tokens.
 * Registered through {@code META-INF/services}.
 */
public class TestAuthConfigSource implements ConfigSource {

    private static final String PUBLIC_KEY = "quarkus.oidc.public-key";
    private static final String SERVICE_TOKEN = "channelmind.security.service-token";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY, SERVICE_TOKEN);
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case PUBLIC_KEY -> TestTokens.publicKey();
            case SERVICE_TOKEN -> ServiceToken.VALUE;
            default -> null;
        };
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PUBLIC_KEY, TestTokens.publicKey(), SERVICE_TOKEN, ServiceToken.VALUE);
    }

    @Override
    public String getName() {
        return "channelmind-test-auth";
    }

    /** Above application.properties (250) and below system properties (400). */
    @Override
    public int getOrdinal() {
        return 275;
    }

    /** One service token per JVM, minted on first use. */
    private static final class ServiceToken {
        static final String VALUE = TestTokens.token("test-service", java.util.List.of(Roles.SERVICE),
                java.time.Duration.ofHours(6));
    }
}
