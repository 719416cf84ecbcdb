package io.channelmind.web.ratelimit;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request rate limits of a service; a rate of 0 turns that limit off. */
@ConfigMapping(prefix = "channelmind.rate-limit")
public interface RateLimitConfig {

    /** The limit per principal, or per client address without one, on every path under /api/. */
    Limit api();

    /**
     * The limit per write key (the user name of HTTP Basic authentication) on the paths listed
     * in {@code paths}, such as ingestion's tracking and import endpoints.
     */
    WriteKeyLimit writeKey();

    /** Maximum number of keys with a bucket per limit; the bucket used longest ago is dropped first. */
    @WithDefault("10000")
    int maxKeys();

    interface Limit {
        /** Requests a second that a key may sustain; 0 turns the limit off. */
        @WithDefault("1000")
        double requestsPerSecond();

        /** Requests a key may send at once after it has been idle. */
        @WithDefault("10000")
        int burst();
    }

    interface WriteKeyLimit extends Limit {
        /** Path prefixes that the write key limit applies to; empty in services without write keys. */
        Optional<List<String>> paths();
    }
}
