package io.channelmind.profile.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.ChannelDelta;
import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies a batch of customer events in one transaction: skips replayed events, updates the
 * touched profiles and their channel counters, re-evaluates every segment for them and counts
 * the batch per import. Membership changes are published after the commit.
 */
@ApplicationScoped
public class CustomerEventService {

    private static final Logger LOG = Logger.getLogger(CustomerEventService.class);

    private final Pool pool;
    private final ProfileRepository profiles;
    private final ConsumptionRepository consumption;
    private final SegmentRepository segments;
    private final SegmentCatalog catalog;
    private final MembershipService memberships;
    private final MembershipPublisher publisher;
    private final MeterRegistry registry;

    public CustomerEventService(Pool pool, ProfileRepository profiles, ConsumptionRepository consumption,
            SegmentRepository segments, SegmentCatalog catalog, MembershipService memberships,
            MembershipPublisher publisher, MeterRegistry registry) {
        this.pool = pool;
        this.profiles = profiles;
        this.consumption = consumption;
        this.segments = segments;
        this.catalog = catalog;
        this.memberships = memberships;
        this.publisher = publisher;
        this.registry = registry;
    }

    /**
     * Applies the batch and publishes the resulting membership changes.
     *
     * NOTE: changes are published after the commit, so a crash between the two loses them. The
     * redelivered batch is then de-duplicated and does not publish them again.
     */
    public Uni<Void> apply(CustomerEventBatch batch) {
        Map<String, CustomerEvent> unique = new LinkedHashMap<>();
        batch.events().forEach(event -> unique.putIfAbsent(event.eventId(), event));

        return Transactions.withRetry("Customer event batch", () -> pool.withTransaction(
                        connection -> applyInTransaction(connection, batch, unique)))
                .invoke(outcome -> {
                    count("applied", outcome.applied());
                    count("duplicate", batch.events().size() - outcome.applied());
                })
                .call(outcome -> publisher.publish(outcome.changes()))
                .replaceWithVoid();
    }

    private Uni<Outcome> applyInTransaction(SqlConnection connection, CustomerEventBatch batch,
            Map<String, CustomerEvent> unique) {
        return segments.lockCatalogShared(connection)
                .chain(() -> consumption.markProcessed(connection, Topics.CUSTOMER_EVENTS, unique.keySet()))
                .chain(fresh -> {
                    List<CustomerEvent> applicable = unique.values().stream()
                            .filter(event -> fresh.contains(event.eventId()))
                            .toList();
                    Uni<List<SegmentMembershipEvent>> changes = applicable.isEmpty()
                            ? Uni.createFrom().item(List.of())
                            : applyFresh(connection, applicable);
                    return changes.map(list -> new Outcome(applicable.size(), list));
                })
                .call(() -> consumption.addConsumed(connection, Topics.CUSTOMER_EVENTS, batch.records(),
                        batch.perImport()));
    }

    private Uni<List<SegmentMembershipEvent>> applyFresh(SqlConnection connection, List<CustomerEvent> events) {
        Set<String> keys = new TreeSet<>();
        events.forEach(event -> keys.add(event.profileKey()));

        return profiles.lockDrafts(connection, keys).chain(existing -> {
            Map<String, ProfileDraft> drafts = new TreeMap<>(existing);
            // Sorted by profile key and channel, so concurrent upserts lock channel rows in one order.
            Map<String, ChannelDelta> deltas = new TreeMap<>();
            for (CustomerEvent event : events) {
                ProfileDraft draft = drafts.computeIfAbsent(event.profileKey(),
                        key -> ProfileDraft.create(key, event.occurredAt()));
                ProfileMerger.apply(draft, event, channel -> deltas.computeIfAbsent(
                        event.profileKey() + '\n' + channel, ignored -> new ChannelDelta(event.profileKey(), channel)));
            }
            LOG.debugf("Applying %d events to %d profiles (%d new)", events.size(), drafts.size(),
                    drafts.size() - existing.size());

            List<ProfileDraft> touched = new ArrayList<>(drafts.values());
            return profiles.upsert(connection, touched)
                    .chain(() -> profiles.addChannelDeltas(connection, new ArrayList<>(deltas.values())))
                    .chain(() -> profiles.withChannels(connection, touched))
                    .chain(updated -> catalog.load(connection)
                            .chain(compiled -> memberships.reevaluate(connection, compiled, updated)));
        });
    }

    /** The result of a committed batch: the number of events applied and the membership changes to publish. */
    private record Outcome(int applied, List<SegmentMembershipEvent> changes) {
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("channelmind.profile.events", "topic", Topics.CUSTOMER_EVENTS, "outcome", outcome)
                    .increment(amount);
        }
    }
}
