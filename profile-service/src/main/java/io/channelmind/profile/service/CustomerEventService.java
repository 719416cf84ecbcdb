package io.channelmind.profile.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.profile.domain.Activity;
import io.channelmind.profile.domain.ChannelDelta;
import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.ProfileMergedEvent;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestText;
import io.channelmind.profile.interest.InterestVector;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.messaging.ProfileMergedPublisher;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.offer.OfferActivity;
import io.channelmind.profile.offer.OfferActivityRepository;
import io.channelmind.profile.privacy.ErasureRecords;
import io.channelmind.profile.repository.ActivityRepository;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies a batch of customer events in one transaction: skips replayed events, resolves each
 * event to its profile and merges profiles that the events link (see {@link IdentityPlan}),
 * updates the touched profiles, their interest vectors and channel counters, re-evaluates every segment for them
 * and counts the batch per import. Merges and membership changes are published after the commit.
 */
@ApplicationScoped
public class CustomerEventService {

    private static final Logger LOG = Logger.getLogger(CustomerEventService.class);

    private final Pool pool;
    private final ProfileRepository profiles;
    private final ActivityRepository activityRepository;
    private final OfferActivityRepository offerActivityRepository;
    private final IdentityService identities;
    private final ConsumptionRepository consumption;
    private final SegmentRepository segments;
    private final SegmentCatalog catalog;
    private final MembershipService memberships;
    private final MembershipPublisher publisher;
    private final ProfileMergedPublisher mergedPublisher;
    private final ErasureRecords erasures;
    private final MeterRegistry registry;
    private final InterestEncoder interests;
    private final ZoneId defaultZone;

    public CustomerEventService(Pool pool, ProfileRepository profiles, ActivityRepository activityRepository,
            OfferActivityRepository offerActivityRepository, IdentityService identities,
            ConsumptionRepository consumption, SegmentRepository segments, SegmentCatalog catalog,
            MembershipService memberships, MembershipPublisher publisher, ProfileMergedPublisher mergedPublisher,
            ErasureRecords erasures, MeterRegistry registry, InterestEncoder interests,
            @ConfigProperty(name = "channelmind.profile.default-time-zone", defaultValue = "UTC") ZoneId defaultZone) {
        this.pool = pool;
        this.profiles = profiles;
        this.activityRepository = activityRepository;
        this.offerActivityRepository = offerActivityRepository;
        this.identities = identities;
        this.consumption = consumption;
        this.segments = segments;
        this.catalog = catalog;
        this.memberships = memberships;
        this.publisher = publisher;
        this.mergedPublisher = mergedPublisher;
        this.erasures = erasures;
        this.registry = registry;
        this.interests = interests;
        this.defaultZone = defaultZone;
    }

    /**
     * Embeds the batch's interest texts, applies the batch and publishes the resulting membership
     * changes. Texts are embedded before the transaction, once per distinct text, so the
     * transaction does not wait for the models. Duplicate events are embedded too but not applied.
     *
     * NOTE: merges and membership changes are published after the commit, so a crash between the two loses them. The
     * redelivered batch is then de-duplicated and does not publish them again.
     */
    public Uni<Void> apply(CustomerEventBatch batch) {
        Map<String, CustomerEvent> unique = new LinkedHashMap<>();
        batch.events().forEach(event -> unique.putIfAbsent(event.eventId(), event));

        Set<String> texts = new LinkedHashSet<>();
        unique.values().forEach(event -> InterestText.of(event).forEach(text -> texts.add(text.text())));

        return interests.encodeOffEventLoop(texts)
                .chain(encoded -> Transactions.withRetry("Customer event batch", () -> pool.withTransaction(
                        connection -> applyInTransaction(connection, batch, unique, encoded))))
                .invoke(outcome -> {
                    count("applied", outcome.applied());
                    count("erased", outcome.erased());
                    count("duplicate", batch.events().size() - outcome.applied() - outcome.erased());
                })
                .call(outcome -> mergedPublisher.publish(outcome.changes().merges()))
                .call(outcome -> publisher.publish(outcome.changes().memberships()))
                .replaceWithVoid();
    }

    private Uni<Outcome> applyInTransaction(SqlConnection connection, CustomerEventBatch batch,
            Map<String, CustomerEvent> unique, Map<String, double[]> encoded) {
        return segments.lockCatalogShared(connection)
                .chain(() -> consumption.markProcessed(connection, Topics.CUSTOMER_EVENTS, unique.keySet()))
                .chain(fresh -> {
                    List<CustomerEvent> unseen = unique.values().stream()
                            .filter(event -> fresh.contains(event.eventId()))
                            .toList();
                    return withoutErased(connection, unseen).chain(applicable -> {
                        Uni<Changes> changes = applicable.isEmpty()
                                ? Uni.createFrom().item(Changes.NONE)
                                : applyFresh(connection, applicable, encoded);
                        int erased = unseen.size() - applicable.size();
                        return changes.map(list -> new Outcome(applicable.size(), erased, list));
                    });
                })
                .call(() -> consumption.addConsumed(connection, Topics.CUSTOMER_EVENTS, batch.records(),
                        batch.perImport()));
    }

    /**
     * Drops the events that mention an erased identity and did not happen after its erasure, so a
     * replay cannot recreate an erased person. An event that happened later is kept and starts a
     * new profile.
     */
    private Uni<List<CustomerEvent>> withoutErased(SqlConnection connection, List<CustomerEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        Set<String> values = new HashSet<>();
        IdentityPlan.identitiesOf(events).forEach(identity -> values.add(identity.value()));
        return erasures.erasedAt(connection, values).map(erased -> {
            if (erased.isEmpty()) {
                return events;
            }
            List<CustomerEvent> kept = new ArrayList<>(events.size());
            for (CustomerEvent event : events) {
                boolean dropped = IdentityPlan.identitiesOf(List.of(event)).stream()
                        .map(identity -> erased.get(identity.value()))
                        .anyMatch(erasedAt -> erasedAt != null && !event.occurredAt().isAfter(erasedAt));
                if (dropped) {
                    LOG.debugf("Dropped event %s because it mentions an identity erased after it happened",
                            event.eventId());
                } else {
                    kept.add(event);
                }
            }
            return kept;
        });
    }

    private Uni<Changes> applyFresh(SqlConnection connection, List<CustomerEvent> events,
            Map<String, double[]> encoded) {
        return identities.plan(connection, events).chain(plan -> {
            Map<String, ProfileDraft> drafts = plan.survivors();
            // Sorted by profile key and channel, so concurrent upserts lock channel rows in one order.
            Map<String, ChannelDelta> deltas = new TreeMap<>();
            List<Activity> activities = new ArrayList<>();
            List<OfferActivity> offerActivities = new ArrayList<>();
            for (CustomerEvent event : events) {
                String profileKey = plan.survivorOf(event.profileKey());
                Activity activity = Activity.of(profileKey, event);
                if (activity != null) {
                    activities.add(activity);
                }
                offerActivities.addAll(OfferActivity.of(profileKey, event));
                ProfileMerger.apply(drafts.get(profileKey), event, channel -> deltas.computeIfAbsent(
                        profileKey + '\n' + channel, ignored -> new ChannelDelta(profileKey, channel)),
                        defaultZone);
                addInterests(drafts.get(profileKey), event, encoded);
            }
            LOG.debugf("Applying %d events to %d profiles", events.size(), drafts.size());

            List<ProfileDraft> touched = new ArrayList<>(drafts.values());
            List<ProfileMergedEvent> merges = plan.merges().stream()
                    .map(merge -> ProfileMergedEvent.of(merge, Instant.now()))
                    .toList();
            return identities.store(connection, plan)
                    .call(() -> profiles.addChannelDeltas(connection, new ArrayList<>(deltas.values())))
                    .call(() -> activityRepository.insert(connection, activities))
                    .call(() -> offerActivityRepository.insert(connection, offerActivities))
                    .chain(exits -> profiles.withChannels(connection, touched)
                            .chain(updated -> catalog.load(connection)
                                    .chain(compiled -> memberships.reevaluate(connection, compiled, updated)))
                            .map(entries -> {
                                List<SegmentMembershipEvent> all = new ArrayList<>(exits);
                                all.addAll(entries);
                                return new Changes(all, merges);
                            }));
        });
    }

    /** Adds the event's interest texts, as encoded before the transaction, to the draft's interest vector. */
    private void addInterests(ProfileDraft draft, CustomerEvent event, Map<String, double[]> encoded) {
        for (InterestText text : InterestText.of(event)) {
            double[] distribution = encoded.get(text.text());
            InterestVector current = draft.interests();
            draft.interests(current == null
                    ? InterestVector.of(distribution, text.weight(), event.occurredAt(), interests.halfLife())
                    : current.plus(distribution, text.weight(), event.occurredAt()));
        }
    }

    /** Membership changes and merges of one batch, to publish after the commit. */
    private record Changes(List<SegmentMembershipEvent> memberships, List<ProfileMergedEvent> merges) {

        static final Changes NONE = new Changes(List.of(), List.of());
    }

    /**
     * The result of a committed batch: the number of events applied and dropped for an erasure,
     * and the changes to publish.
     */
    private record Outcome(int applied, int erased, Changes changes) {
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("channelmind.profile.events", "topic", Topics.CUSTOMER_EVENTS, "outcome", outcome)
                    .increment(amount);
        }
    }
}
