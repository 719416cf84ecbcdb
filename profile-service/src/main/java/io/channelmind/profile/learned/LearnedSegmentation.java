package io.channelmind.profile.learned;

import java.time.Instant;
import java.util.List;

/**
 * A stored learned segmentation: the requested k (null when the silhouette chose it), the seed,
 * the time features are measured at (null for the service's setting or the clock), the k used,
 * its mean silhouette (null for one cluster), the feature columns, the number of profiles
 * clustered, and its clusters.
 */
public record LearnedSegmentation(String name, Integer requestedK, long seed, Instant asOf, int k, Double silhouette,
        List<String> features, long profiles, Instant createdAt, Instant refreshedAt, List<ClusterView> clusters) {

    /** One cluster as stored: its segment name, size and descriptions in English and Chinese. */
    public record ClusterView(String segment, long size, String description, String descriptionZh) {
    }
}
