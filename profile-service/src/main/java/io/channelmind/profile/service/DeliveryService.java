package io.channelmind.profile.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.DeliveryEvent;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Counts deliveries per profile and channel in the {@code sent} counter, once per event id.
 * Deliveries to profiles that do not exist are skipped and counted, not stored, because a
 * profile is only created from customer events.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final Pool pool;
    private final ProfileRepository profiles;
    private final ConsumptionRepository consumption;
    private final MeterRegistry registry;

    public DeliveryService(Pool pool, ProfileRepository profiles, ConsumptionRepository consumption,
            MeterRegistry registry) {
        this.pool = pool;
        this.profiles = profiles;
        this.consumption = consumption;
        this.registry = registry;
    }

    /** Applies the delivered events of one polled batch that had {@code records} records in all. */
    public Uni<Void> apply(long records, List<DeliveryEvent> events) {
        Map<String, DeliveryEvent> unique = new LinkedHashMap<>();
        events.stream().filter(DeliveryEvent::isDelivered).forEach(event -> unique.putIfAbsent(event.eventId(), event));

        return Transactions.withRetry("Delivery batch", () -> pool.withTransaction(
                        connection -> applyInTransaction(connection, records, unique)))
                .invoke(skipped -> {
                    if (skipped > 0) {
                        LOG.warnf("Skipped %d deliveries to profiles that do not exist", skipped);
                        registry.counter("channelmind.profile.events", "topic", Topics.DELIVERIES,
                                "outcome", "unknown-profile").increment(skipped);
                    }
                })
                .replaceWithVoid();
    }

    /** Returns the number of (profile, channel) entries skipped because the profile does not exist. */
    private Uni<Integer> applyInTransaction(SqlConnection connection, long records, Map<String, DeliveryEvent> unique) {
        return consumption.markProcessed(connection, Topics.DELIVERIES, unique.keySet())
                .chain(fresh -> {
                    // Sorted by profile key and channel, so concurrent upserts lock channel rows in one order.
                    Map<ChannelKey, Long> counts = new TreeMap<>();
                    unique.values().stream()
                            .filter(event -> fresh.contains(event.eventId()))
                            .forEach(event -> counts.merge(new ChannelKey(event.profileKey(), event.channel()), 1L,
                                    Long::sum));
                    if (counts.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    String[] profileKeys = counts.keySet().stream().map(ChannelKey::profileKey).toArray(String[]::new);
                    String[] channels = counts.keySet().stream().map(ChannelKey::channel).toArray(String[]::new);
                    Long[] sent = counts.values().toArray(Long[]::new);
                    return profiles.addSent(connection, profileKeys, channels, sent)
                            .map(applied -> counts.size() - applied);
                })
                .call(() -> consumption.addConsumed(connection, Topics.DELIVERIES, records, Map.of()));
    }

    private record ChannelKey(String profileKey, String channel) implements Comparable<ChannelKey> {
        @Override
        public int compareTo(ChannelKey other) {
            int byProfile = profileKey.compareTo(other.profileKey);
            return byProfile != 0 ? byProfile : channel.compareTo(other.channel);
        }
    }
}
