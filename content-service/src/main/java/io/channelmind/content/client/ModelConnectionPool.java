package io.channelmind.content.client;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;

/**
 * Sets the connection pool of the OpenAI REST client to the size in {@value #POOL_SIZE_KEY}.
 * quarkus-langchain4j 1.10 builds that client in code with {@code QuarkusRestClientBuilder}; such a
 * client reads neither {@code quarkus.rest-client.connection-pool-size} nor a
 * {@code quarkus.langchain4j.openai} key for its pool, so it kept the default of 50 connections
 * and at most 50 model calls were in flight. The Quarkus REST client calls every
 * {@link RestClientListener} named in {@code META-INF/services} before it creates the HTTP
 * client, and this one sets the pool property on the OpenAI client's builder only.
 * The listener is created by {@link java.util.ServiceLoader}, outside CDI, so it reads the value
 * with {@link ConfigProvider}.
 * NOTE: only bench/content-latency-benchmark.sh checks that the pool reaches the HTTP client (with
 * {@code ss}); no test does, and the listener was not tried in a native image.
 */
public class ModelConnectionPool implements RestClientListener {

    public static final String POOL_SIZE_KEY = "channelmind.content.llm.connection-pool-size";
    static final int DEFAULT_POOL_SIZE = 256;

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (isModelClient(serviceInterface)) {
            builder.property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, poolSize(ConfigProvider.getConfig()));
        }
    }

    static boolean isModelClient(Class<?> serviceInterface) {
        return OpenAiRestApi.class.getName().equals(serviceInterface.getName());
    }

    static int poolSize(Config config) {
        int size = config.getOptionalValue(POOL_SIZE_KEY, Integer.class).orElse(DEFAULT_POOL_SIZE);
        if (size < 1) {
            throw new IllegalArgumentException(
                    "Invalid " + POOL_SIZE_KEY + " " + size + "; set a number of connections of 1 or more");
        }
        return size;
    }
}
