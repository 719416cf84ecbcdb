package io.channelmind.security.tokencache;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * security-support's tests start an application of its classes and web-support's, which has no
 * entities and never queries: a datasource URL that is never dialled replaces the PostgreSQL dev
 * service.
 */
public class NoDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:9/unused");
        config.putAll(extraConfig());
        return config;
    }

    /** Returns what a subclass sets on top. */
    protected Map<String, String> extraConfig() {
        return Map.of();
    }
}
