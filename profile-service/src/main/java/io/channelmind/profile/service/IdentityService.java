package io.channelmind.profile.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.repository.ConsentRepository;
import io.channelmind.profile.repository.IdentityRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Resolves a batch's events to profiles and stores the merges they cause, inside the caller's
 * transaction. Concurrent transactions are kept apart by locks and the identity table's primary
 * key: the profiles that own the batch's identities are locked in key order, the owners are read
 * again after the lock, and an identity that changed owner meanwhile, or that another transaction
 * inserted first, raises {@link IdentityConflictException} so the whole batch is retried.
 */
@ApplicationScoped
public class IdentityService {

    private static final Logger LOG = Logger.getLogger(IdentityService.class);

    private final IdentityRepository identities;
    private final ProfileRepository profiles;
    private final SegmentMemberRepository members;
    private final ConsentRepository consent;
    private final MeterRegistry registry;

    public IdentityService(IdentityRepository identities, ProfileRepository profiles, SegmentMemberRepository members,
            ConsentRepository consent, MeterRegistry registry) {
        this.consent = consent;
        this.identities = identities;
        this.profiles = profiles;
        this.members = members;
        this.registry = registry;
    }

    /** Locks the profiles that the events resolve to and plans the merges, without writing. */
    public Uni<IdentityPlan> plan(SqlClient client, List<CustomerEvent> events) {
        Set<Identity> mentioned = IdentityPlan.identitiesOf(events);
        return identities.owners(client, mentioned).chain(owners -> {
            Set<String> keys = new TreeSet<>(owners.values());
            events.forEach(event -> keys.add(event.profileKey()));
            return profiles.lockDrafts(client, keys)
                    .chain(locked -> identities.owners(client, mentioned).map(current -> {
                        if (!current.equals(owners)) {
                            throw new IdentityConflictException(
                                    "An identity of the batch changed owner before its profiles were locked");
                        }
                        IdentityPlan plan = new IdentityPlan(owners, locked);
                        plan.resolve(events);
                        return plan;
                    }));
        });
    }

    /**
     * Writes the surviving profiles and the new identities, moves the merged profiles' identities,
     * consent (see {@link ConsentRepository#carryOver}) and channel counters to their survivors,
     * deletes the merged profiles and records the merges.
     * Returns the segment exits of the merged profiles, to publish after the commit.
     */
    public Uni<List<SegmentMembershipEvent>> store(SqlClient client, IdentityPlan plan) {
        Map<Identity, String> created = plan.newIdentities();
        Map<String, String> merged = plan.storedMerged();
        count("merged", plan.merges().size());
        count("contact-point-conflict", plan.contactPointConflicts());

        return identities.insert(client, created)
                .invoke(inserted -> {
                    if (inserted != created.size()) {
                        throw new IdentityConflictException((created.size() - inserted)
                                + " identities of the batch were inserted by a concurrent transaction");
                    }
                })
                .chain(() -> profiles.upsert(client, plan.survivors().values()))
                .chain(() -> identities.move(client, merged))
                .chain(() -> consent.carryOver(client, merged, Instant.now()))
                .chain(() -> members.removeAll(client, merged.keySet(), Instant.now()))
                .call(() -> profiles.deleteMerged(client, merged))
                .call(() -> identities.recordMerges(client, plan.merges()))
                .invoke(() -> {
                    if (!plan.merges().isEmpty()) {
                        LOG.debugf("Merged %d profiles (%d stored)", plan.merges().size(), merged.size());
                    }
                });
    }

    private void count(String outcome, int amount) {
        if (amount > 0) {
            registry.counter("channelmind.profile.identity", "outcome", outcome).increment(amount);
        }
    }
}
