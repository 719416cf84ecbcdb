package io.channelmind.ingestion.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.channelmind.ingestion.config.IngestionConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the source {@code local} at start-up when {@code ingestion.tracking.local-write-key}
 * (environment variable {@code CHANNELMIND_LOCAL_WRITE_KEY}) is set, so the local stack can
 * hand out a key it chose itself.
 */
@ApplicationScoped
public class LocalSourceBootstrap {

    public static final String LOCAL_SOURCE = "local";

    private final SourceService sources;
    private final IngestionConfig config;

    public LocalSourceBootstrap(SourceService sources, IngestionConfig config) {
        this.sources = sources;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.tracking().localWriteKey()
                .filter(key -> !key.isBlank())
                .ifPresent(key -> sources.ensure(LOCAL_SOURCE, key));
    }
}
