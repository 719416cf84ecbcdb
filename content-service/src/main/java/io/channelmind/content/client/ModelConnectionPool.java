package io.channelmind.content.client;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * Sets the connection pool size of the REST clients, among them the OpenAI client of
 * quarkus-langchain4j, from {@value #POOL_SIZE_KEY}. That client is built in code and never
 * reads {@code quarkus.rest-client.connection-pool-size}, so without this feature it keeps the
 * Quarkus REST client's default of 50 connections per host, and at 200 concurrent copy
 * requests 150 of them wait for a free connection on top of the model's own latency.
 */
@Provider
@ConstrainedTo(RuntimeType.CLIENT)
public class ModelConnectionPool implements Feature {

    public static final String POOL_SIZE_KEY = "channelmind.content.llm.connection-pool-size";
    static final int DEFAULT_POOL_SIZE = 200;

    @Override
    public boolean configure(FeatureContext context) {
        int size = ConfigProvider.getConfig().getOptionalValue(POOL_SIZE_KEY, Integer.class).orElse(DEFAULT_POOL_SIZE);
        if (size < 1) {
            throw new IllegalArgumentException("Invalid " + POOL_SIZE_KEY + " " + size + "; set a number of connections of 1 or more");
        }
        context.property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, size);
        return true;
    }
}
