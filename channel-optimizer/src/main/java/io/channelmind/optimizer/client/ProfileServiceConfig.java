package io.channelmind.optimizer.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the connection to profile-service's interest vector export. Without {@code url} the
 * response model trains on profile features only, because there is no default address.
 */
@ConfigMapping(prefix = "channelmind.optimizer.profile-service")
public interface ProfileServiceConfig {

    /** Base URL of profile-service, such as {@code http://127.0.0.1:8082}; unset means no embeddings. */
    Optional<URI> url();

    /** Time to open a connection. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time to wait for one page of the export. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Time allowed for reading every page of the export, after which training fails. */
    @WithDefault("5m")
    Duration exportTimeout();

    /** Profiles per page, from 1 to 1,000 (the export's maximum). */
    @WithDefault("1000")
    int pageSize();
}
