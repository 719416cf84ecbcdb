package io.channelmind.profile.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.messaging.Topics;
import io.channelmind.profile.repository.ConsumptionRepository;
import io.channelmind.profile.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Reads profiles and consumption counters. */
@ApplicationScoped
public class ProfileService {

    private final Pool pool;
    private final ProfileRepository profiles;
    private final ConsumptionRepository consumption;

    public ProfileService(Pool pool, ProfileRepository profiles, ConsumptionRepository consumption) {
        this.pool = pool;
        this.profiles = profiles;
        this.consumption = consumption;
    }

    public Uni<Optional<Profile>> find(String profileKey) {
        return profiles.find(pool, profileKey);
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
