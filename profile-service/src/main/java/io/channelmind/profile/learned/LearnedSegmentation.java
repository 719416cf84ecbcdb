package io.channelmind.profile.learned;

import java.time.Instant;
import java.util.List;

/**
 * A stored learned segmentation with its settings and result. The requested k is null when the
 * silhouette chose it. The time the features are measured at is null when the service's setting
 * or the clock applies, and the mean silhouette is null for one cluster.
 */
public record LearnedSegmentation(String name, Integer requestedK, long seed, Instant asOf, int k, Double silhouette,
        List<String> features, long profiles, Instant createdAt, Instant refreshedAt, List<ClusterView> clusters) {

    /** One cluster as stored: its segment name, size and descriptions in English and Chinese. */
    public record ClusterView(String segment, long size, String description, String descriptionZh) {
    }
}
