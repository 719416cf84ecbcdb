package io.channelmind.automation.journey;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.channelmind.automation.client.ContentClient;
import io.channelmind.automation.client.ContentGateway;
import io.smallrye.mutiny.Uni;

/**
 * Approved content-service variants per (campaign, segment, channel), kept for a few seconds so
 * that a step sending to many profiles lists the variants once and not once per profile.
 * Concurrent sends that miss the same key share one request. A failed request is not kept, so the
 * next send requests the variants again. A variant approved or withdrawn in content-service
 * reaches journey sends after at most the time to live.
 */
final class VariantCache {

    private record Key(String campaign, String segment, String channel) {
    }

    private final ContentGateway content;
    private final AsyncCache<Key, List<ContentClient.Variant>> cache;

    VariantCache(ContentGateway content, Duration timeToLive, long maxEntries) {
        this.content = content;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(timeToLive)
                .maximumSize(maxEntries)
                .buildAsync();
    }

    /**
     * Returns the approved variants, from the cache or from content-service. Blocks the calling
     * worker thread during a request and throws its {@link io.channelmind.automation.client.DependencyException}.
     */
    List<ContentClient.Variant> approvedVariants(String campaign, String segment, String channel) {
        Key key = new Key(campaign, segment, channel);
        return Uni.createFrom()
                .completionStage(() -> cache.get(key, (missing, executor) -> content
                        .approvedVariants(missing.campaign(), missing.segment(), missing.channel())
                        .subscribeAsCompletionStage()))
                .await().indefinitely();
    }
}
