package io.channelmind.profile.service;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestVector;
import io.channelmind.profile.repository.InterestRepository;
import io.channelmind.profile.repository.InterestRepository.StoredInterest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Finds profiles with similar interests and pages through the stored interest vectors. */
@ApplicationScoped
public class InterestService {

    private final Pool pool;
    private final InterestRepository repository;
    private final InterestEncoder encoder;

    public InterestService(Pool pool, InterestRepository repository, InterestEncoder encoder) {
        this.pool = pool;
        this.repository = repository;
        this.encoder = encoder;
    }

    /** A profile with its interest vector and its cosine similarity to the profile searched for. */
    public record Similar(StoredInterest profile, double similarity) {
    }

    public InterestEncoder encoder() {
        return encoder;
    }

    /**
     * Returns up to {@code limit} other profiles by descending cosine similarity of their interest
     * vectors to the profile's, ties by key; empty when the profile has no interest vector. An
     * exact scan over every stored vector.
     */
    public Uni<List<Similar>> similar(Profile profile, int limit) {
        InterestVector target = profile.interests();
        if (target == null) {
            return Uni.createFrom().item(List.of());
        }
        double[] values = target.values();
        Comparator<Similar> ranking = Comparator.comparingDouble(Similar::similarity)
                .thenComparing(similar -> similar.profile().profileKey(), Comparator.reverseOrder());
        return repository.all(pool).map(all -> {
            // A min-heap of the best `limit` so far, so the scan keeps limit entries, not every profile.
            PriorityQueue<Similar> best = new PriorityQueue<>(ranking);
            for (StoredInterest other : all) {
                if (other.profileKey().equals(profile.profileKey())) {
                    continue;
                }
                best.add(new Similar(other, InterestVector.cosine(values, other.interests().values())));
                if (best.size() > limit) {
                    best.poll();
                }
            }
            return best.stream().sorted(ranking.reversed()).toList();
        });
    }

    /** Loads up to {@code limit} interest vectors with keys after {@code after}, in key order. */
    public Uni<List<StoredInterest>> page(String after, int limit) {
        return repository.page(pool, after, limit);
    }
}
