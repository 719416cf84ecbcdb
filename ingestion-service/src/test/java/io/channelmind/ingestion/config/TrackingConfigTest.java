package io.channelmind.ingestion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Reads the tracking settings the way application.properties writes them, outside the test profile. */
class TrackingConfigTest {

    private static final String LOCAL_KEY = "${CHANNELMIND_LOCAL_WRITE_KEY_FOR_THIS_TEST:}";

    @Test
    void unsetLocalKeyMeansNone() {
        IngestionConfig.Tracking tracking = tracking(Map.of("ingestion.tracking.local-write-key", LOCAL_KEY));

        assertEquals(Optional.empty(), tracking.localWriteKey());
    }

    @Test
    void setLocalKeyIsRead() {
        IngestionConfig.Tracking tracking = tracking(Map.of(
                "ingestion.tracking.local-write-key", "${LOCAL_KEY_SOURCE:}",
                "LOCAL_KEY_SOURCE", "key-from-environment"));

        assertEquals(Optional.of("key-from-environment"), tracking.localWriteKey());
    }

    @Test
    void defaultsMatchDocumentedLimits() {
        IngestionConfig.Tracking tracking = tracking(Map.of());

        assertEquals(32_768, tracking.maxEventBytes());
        assertEquals(512_000, tracking.maxBatchBytes());
        assertEquals(Duration.ofDays(7), tracking.dedupeWindow());
        assertEquals(Duration.ofHours(24), tracking.rotationGracePeriod());
        assertEquals(Duration.ofSeconds(5), tracking.writeKeyCacheTtl());
    }

    private static IngestionConfig.Tracking tracking(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // Quarkus's converter reads durations such as 7d, as the application does.
                .withConverter(Duration.class, 200, new DurationConverter())
                // and its memory size converter reads sizes such as 16G.
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(IngestionConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(IngestionConfig.class).tracking();
    }
}
