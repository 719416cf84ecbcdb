package io.channelmind.content.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ModelConnectionPoolTests {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void onlyTheOpenAiClientIsChanged() {
        assertTrue(ModelConnectionPool.isModelClient(OpenAiRestApi.class));
        assertFalse(ModelConnectionPool.isModelClient(FineTuningClient.class));
    }

    @Test
    void configuredSizeIsUsed() {
        assertEquals(300, ModelConnectionPool.poolSize(config(Map.of(ModelConnectionPool.POOL_SIZE_KEY, "300"))));
    }

    @Test
    void missingSizeFallsBackToDefault() {
        assertEquals(ModelConnectionPool.DEFAULT_POOL_SIZE, ModelConnectionPool.poolSize(config(Map.of())));
    }

    @Test
    void sizeBelowOneIsRejectedWithTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelConnectionPool.poolSize(config(Map.of(ModelConnectionPool.POOL_SIZE_KEY, "0"))));
        assertTrue(error.getMessage().contains(ModelConnectionPool.POOL_SIZE_KEY), error.getMessage());
    }
}
