package io.channelmind.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.ConsentChangeEvent;
import io.channelmind.profile.domain.DeliveryEvent;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.messaging.ConsentChangePublisher;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.repository.ConsentRepository;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Counts delivery outcomes per profile and channel, once per event id, and marks profiles as not
 * to be contacted on bounced, unsubscribed and complained deliveries. A {@code delivered} event
 * adds to {@code sent} and {@code delivered}, a {@code bounced} one only to {@code sent}, and
 * {@code opened}, {@code clicked} and {@code converted} add to their counters. Deliveries to
 * profiles that do not exist are skipped and counted, not stored, because a profile is only
 * created from customer events. Other statuses are counted and ignored.
 * Segments whose rules read delivery counters or rates are evaluated again for the profiles a
 * batch touches, in its transaction. Do-not-contact changes are published on
 * {@code cm.consent-changes} and membership changes on {@code cm.segment-membership} after the commit.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    // Counter indexes, in the column order of ProfileRepository.addDeliveryOutcomes.
    private static final int SENT = 0;
    private static final int DELIVERED = 1;
    private static final int OPENED = 2;
    private static final int CLICKED = 3;
    private static final int CONVERTED = 4;
    private static final int OUTCOMES = 5;

    private final Pool pool;
    private final ProfileRepository profiles;
    private final ConsentRepository consent;
    private final ConsumptionRepository consumption;
    private final ConsentChangePublisher publisher;
    private final SegmentRepository segments;
    private final SegmentCatalog catalog;
    private final MembershipService memberships;
    private final MembershipPublisher membershipPublisher;
    private final MeterRegistry registry;

    public DeliveryService(Pool pool, ProfileRepository profiles, ConsentRepository consent,
            ConsumptionRepository consumption, ConsentChangePublisher publisher, SegmentRepository segments,
            SegmentCatalog catalog, MembershipService memberships, MembershipPublisher membershipPublisher,
            MeterRegistry registry) {
        this.pool = pool;
        this.profiles = profiles;
        this.consent = consent;
        this.consumption = consumption;
        this.publisher = publisher;
        this.segments = segments;
        this.catalog = catalog;
        this.memberships = memberships;
        this.membershipPublisher = membershipPublisher;
        this.registry = registry;
    }

    /** Applies the events of one polled batch that had {@code records} records in all. */
    public Uni<Void> apply(long records, List<DeliveryEvent> events) {
        Map<String, DeliveryEvent> unique = new LinkedHashMap<>();
        events.stream()
                .filter(DeliveryEvent::isApplicable)
                .forEach(event -> unique.putIfAbsent(event.eventId(), event));
        count("ignored-status", events.size() - unique.size());

        return Transactions.withRetry("Delivery batch", () -> pool.withTransaction(
                        connection -> applyInTransaction(connection, records, unique)))
                .invoke(outcome -> {
                    if (outcome.skipped() > 0) {
                        LOG.warnf("Skipped %d deliveries to profiles that do not exist", outcome.skipped());
                        count("unknown-profile", outcome.skipped());
                    }
                })
                .call(outcome -> publisher.publish(outcome.consentChanges()))
                .call(outcome -> membershipPublisher.publish(outcome.memberships()))
                .replaceWithVoid();
    }

    /**
     * The result of a committed batch: entries skipped for a missing profile, and the consent and
     * membership changes to publish.
     */
    private record Outcome(int skipped, List<ConsentChangeEvent> consentChanges,
            List<SegmentMembershipEvent> memberships) {
    }

    private Uni<Outcome> applyInTransaction(SqlConnection connection, long records, Map<String, DeliveryEvent> unique) {
        return segments.lockCatalogShared(connection)
                .chain(() -> consumption.markProcessed(connection, Topics.DELIVERIES, unique.keySet()))
                .chain(fresh -> {
                    List<DeliveryEvent> applicable = unique.values().stream()
                            .filter(event -> fresh.contains(event.eventId()))
                            .toList();
                    List<DeliveryEvent> doNotContact = applicable.stream()
                            .filter(event -> event.doNotContactReason() != null)
                            .toList();
                    return deliverySegments(connection, applicable).chain(compiled -> {
                        Set<String> keys = compiled.isEmpty() ? Set.of() : profileKeys(applicable);
                        // The profiles are locked before their channel rows, in the order customer event batches use.
                        Uni<?> locked = keys.isEmpty() ? Uni.createFrom().voidItem() : profiles.lockDrafts(connection, keys);
                        return locked
                                .chain(() -> addOutcomes(connection, applicable))
                                .chain(skipped -> consent.mark(connection, doNotContact, Instant.now())
                                        .chain(changes -> reevaluate(connection, compiled, keys)
                                                .map(entries -> new Outcome(skipped, changes, entries))));
                    });
                })
                .call(() -> consumption.addConsumed(connection, Topics.DELIVERIES, records, Map.of()));
    }

    /** Loads the segments whose rules read delivery counters or rates; empty when there are no events. */
    private Uni<List<CompiledSegment>> deliverySegments(SqlConnection connection, List<DeliveryEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return catalog.load(connection).map(all -> all.stream()
                .filter(segment -> segment.rule().readsDeliveries())
                .toList());
    }

    private static Set<String> profileKeys(List<DeliveryEvent> events) {
        Set<String> keys = new TreeSet<>();
        events.forEach(event -> keys.add(event.profileKey()));
        return keys;
    }

    /** Evaluates the segments again for the profiles among {@code keys} that exist, with their updated counters. */
    private Uni<List<SegmentMembershipEvent>> reevaluate(SqlConnection connection, List<CompiledSegment> compiled,
            Set<String> keys) {
        if (compiled.isEmpty() || keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return profiles.lockDrafts(connection, keys)
                .chain(drafts -> profiles.withChannels(connection, new ArrayList<>(drafts.values())))
                .chain(updated -> memberships.reevaluate(connection, compiled, updated));
    }

    /** Adds the events to the outcome counters and returns the number of entries skipped for a missing profile. */
    private Uni<Integer> addOutcomes(SqlConnection connection, List<DeliveryEvent> events) {
        // Sorted by profile key and channel, so concurrent upserts lock channel rows in one order.
        Map<ChannelKey, long[]> counts = new TreeMap<>();
        for (DeliveryEvent event : events) {
            int outcome = outcomeIndex(event);
            if (outcome >= 0) {
                long[] row = counts.computeIfAbsent(new ChannelKey(event.profileKey(), event.channel()),
                        key -> new long[OUTCOMES]);
                row[outcome]++;
                if (event.isDelivered()) {
                    row[SENT]++;
                }
            }
        }
        if (counts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] profileKeys = counts.keySet().stream().map(ChannelKey::profileKey).toArray(String[]::new);
        String[] channels = counts.keySet().stream().map(ChannelKey::channel).toArray(String[]::new);
        Long[][] columns = new Long[OUTCOMES][counts.size()];
        int i = 0;
        for (long[] row : counts.values()) {
            for (int outcome = 0; outcome < OUTCOMES; outcome++) {
                columns[outcome][i] = row[outcome];
            }
            i++;
        }
        return profiles.addDeliveryOutcomes(connection, profileKeys, channels, columns)
                .map(applied -> counts.size() - applied);
    }

    /**
     * Returns the counter that the event adds to, or -1 for a status that only marks do-not-contact.
     * A delivered event also adds to {@code sent}.
     */
    private static int outcomeIndex(DeliveryEvent event) {
        if (event.isDelivered()) {
            return DELIVERED;
        }
        return switch (event.status()) {
            case DeliveryEvent.BOUNCED -> SENT;
            case DeliveryEvent.OPENED -> OPENED;
            case DeliveryEvent.CLICKED -> CLICKED;
            case DeliveryEvent.CONVERTED -> CONVERTED;
            default -> -1;
        };
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("channelmind.profile.events", "topic", Topics.DELIVERIES, "outcome", outcome)
                    .increment(amount);
        }
    }

    private record ChannelKey(String profileKey, String channel) implements Comparable<ChannelKey> {
        @Override
        public int compareTo(ChannelKey other) {
            int byProfile = profileKey.compareTo(other.profileKey);
            return byProfile != 0 ? byProfile : channel.compareTo(other.channel);
        }
    }
}
