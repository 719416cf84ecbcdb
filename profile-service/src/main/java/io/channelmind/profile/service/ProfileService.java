package io.channelmind.profile.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.domain.ProfileMerge;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.repository.ConsentRepository;
import io.channelmind.profile.repository.ConsentRepository.DoNotContact;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.IdentityRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Reads profiles and consumption counters. */
@ApplicationScoped
public class ProfileService {

    private final Pool pool;
    private final ProfileRepository profiles;
    private final IdentityRepository identities;
    private final ConsumptionRepository consumption;
    private final ConsentRepository consent;

    public ProfileService(Pool pool, ProfileRepository profiles, IdentityRepository identities,
            ConsumptionRepository consumption, ConsentRepository consent) {
        this.consent = consent;
        this.pool = pool;
        this.profiles = profiles;
        this.identities = identities;
        this.consumption = consumption;
    }

    /** Finds the profile with the key, or the profile it was merged into. */
    public Uni<Optional<Profile>> find(String profileKey) {
        return profiles.find(pool, profileKey);
    }

    /** Finds the profile that owns the identity. */
    public Uni<Optional<Profile>> findByIdentity(Identity identity) {
        return identities.owner(pool, identity).chain(owner -> owner.isEmpty()
                ? Uni.createFrom().item(Optional.<Profile>empty())
                : profiles.find(pool, owner.get()));
    }

    /** Returns the identities of the profile and the merges into it, oldest first. */
    public Uni<IdentityHistory> identityHistory(String profileKey) {
        return identities.identitiesOf(pool, profileKey)
                .chain(owned -> identities.mergesInto(pool, profileKey)
                        .map(merges -> new IdentityHistory(owned, merges)));
    }

    /** Returns the profile's consent per channel and do-not-contact mark, or empty for an unknown key. */
    public Uni<Optional<ConsentView>> consent(String profileKey) {
        return profiles.find(pool, profileKey).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<ConsentView>empty())
                : consent.find(pool, found.get().profileKey()).map(mark -> Optional.of(new ConsentView(
                        found.get().profileKey(), found.get().consent(),
                        mark.filter(value -> value.reason() != null).orElse(null)))));
    }

    /** A profile's consent per channel and its do-not-contact mark, null when it may be contacted. */
    public record ConsentView(String profileKey, Map<String, Boolean> consent, DoNotContact doNotContact) {
    }

    /** The identities a profile owns and the merges that made it. */
    public record IdentityHistory(List<Identity> identities, List<ProfileMerge> merges) {
    }

    /** Returns up to {@code limit} profiles with keys after {@code after} (empty for the first page), in key order. */
    public Uni<List<Profile>> page(String after, int limit) {
        return profiles.page(pool, after, limit);
    }

    public Uni<Long> countProfiles() {
        return profiles.count(pool);
    }

    public Uni<Long> customerEventsConsumed() {
        return consumption.topicConsumed(pool, Topics.CUSTOMER_EVENTS);
    }

    public Uni<Long> deliveriesConsumed() {
        return consumption.topicConsumed(pool, Topics.DELIVERIES);
    }

    public Uni<Long> importConsumed(String importId) {
        return consumption.importConsumed(pool, importId);
    }
}
