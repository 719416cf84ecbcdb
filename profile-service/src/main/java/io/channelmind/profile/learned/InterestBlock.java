package io.channelmind.profile.learned;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.InterestTag;

/**
 * The interest part of the clustering input: each profile's shares of the anchor labels (see
 * {@link io.channelmind.profile.interest.InterestVector#shares()}), centred on the population's
 * mean shares and scaled by one factor for the whole block.
 *
 * <p>One factor keeps the distances between share vectors as they are. It gives the whole block
 * the total variance of {@link #WEIGHT} standardised columns, as much as recency, frequency and
 * monetary value together. A z-score per label would instead give the 18 built-in labels 18
 * columns, more weight than all behaviour columns (six, plus two per channel), and would magnify
 * labels that few profiles have. No projection such as PCA is needed at 18 dimensions, and
 * without one a cluster centre stays a distribution over the labels, which descriptions name.
 *
 * <p>A profile without an interest vector (no text seen yet, or a vector of another model
 * version) sits at the population's mean shares, so its interest coordinates are zero and only
 * its behaviour places it. It does not count towards the mean shares or a cluster's interests.
 */
public final class InterestBlock {

    /** The block's total variance, in standardised feature columns. */
    static final double WEIGHT = 3;
    /** Interest labels named per cluster, at most. */
    static final int TAGS = 3;
    /** Feature name stored with a segmentation when the interest block took part in clustering. */
    public static final String FEATURE_NAME = "interests";

    private final List<String> labels;
    /** One row per profile, null for a profile without an interest vector. */
    private final double[][] shares;
    private final double[] mean;
    private final double[] deviation;
    /** Factor for the centred shares, 0 when no profile has a vector or all vectors are equal. */
    private final double scale;

    private InterestBlock(List<String> labels, double[][] shares) {
        this.labels = List.copyOf(labels);
        this.shares = shares;
        this.mean = new double[labels.size()];
        this.deviation = new double[labels.size()];
        int known = 0;
        for (double[] row : shares) {
            if (row != null) {
                known++;
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += row[j];
                }
            }
        }
        double totalVariance = 0;
        for (int j = 0; j < mean.length; j++) {
            mean[j] = known == 0 ? 0 : mean[j] / known;
            double squares = 0;
            for (double[] row : shares) {
                if (row != null) {
                    squares += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
            double variance = known == 0 ? 0 : squares / known;
            deviation[j] = Math.sqrt(variance);
            totalVariance += variance;
        }
        this.scale = totalVariance == 0 ? 0 : Math.sqrt(WEIGHT / totalVariance);
    }

    /**
     * Builds the block from the profiles' interest vectors, in profile order. A vector whose
     * length differs from the number of labels or whose components sum to zero counts as missing.
     */
    public static InterestBlock of(List<Profile> profiles, List<String> labels) {
        double[][] shares = new double[profiles.size()][];
        for (int i = 0; i < shares.length; i++) {
            var interests = profiles.get(i).interests();
            if (interests != null && interests.size() == labels.size()) {
                double[] row = interests.shares();
                shares[i] = sum(row) > 0 ? row : null;
            }
        }
        return new InterestBlock(labels, shares);
    }

    /** Builds the block from share rows (null for a profile without interests), for tests and callers with no profiles. */
    public static InterestBlock ofShares(List<String> labels, double[][] shares) {
        return new InterestBlock(labels, shares.clone());
    }

    /** Returns a block without labels, for clustering on behaviour alone. */
    public static InterestBlock none(int rows) {
        return new InterestBlock(List.of(), new double[rows][]);
    }

    /** Returns whether the block changes any distance, which needs two profiles with different vectors. */
    public boolean present() {
        return scale > 0;
    }

    /** Returns the number of clustering coordinates the block adds. */
    int width() {
        return present() ? labels.size() : 0;
    }

    /** Returns the block's coordinates of one profile: its centred, scaled shares, or zeros without a vector. */
    double[] coordinates(int row) {
        double[] coordinates = new double[width()];
        if (shares[row] != null) {
            for (int j = 0; j < coordinates.length; j++) {
                coordinates[j] = (shares[row][j] - mean[j]) * scale;
            }
        }
        return coordinates;
    }

    /** Returns how many of {@code rows} have no interest vector. */
    int missing(List<Integer> rows) {
        int missing = 0;
        for (int row : rows) {
            if (shares[row] == null) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * Returns the distinguishing interests of a cluster, nearest anchor first. The cluster centre
     * is the mean share vector of its members with a vector, and in the share simplex the anchor
     * of label j is the unit vector e_j, so |centre − e_j|² = |centre|² − 2·centre_j + 1 and the
     * nearest anchors are the labels with the largest centre shares. A label is named when its
     * centre share is at least {@link InterestTag#MIN_SCORE} and lies at least
     * {@code threshold} population standard deviations above the population's mean share.
     */
    List<Clustering.InterestTrait> traits(List<Integer> rows, double threshold) {
        if (!present()) {
            return List.of();
        }
        double[] centre = new double[labels.size()];
        int known = 0;
        for (int row : rows) {
            if (shares[row] != null) {
                known++;
                for (int j = 0; j < centre.length; j++) {
                    centre[j] += shares[row][j];
                }
            }
        }
        if (known == 0) {
            return List.of();
        }
        List<Clustering.InterestTrait> traits = new ArrayList<>();
        for (int j = 0; j < centre.length; j++) {
            centre[j] /= known;
            boolean distinct = deviation[j] > 0 && (centre[j] - mean[j]) / deviation[j] >= threshold;
            if (distinct && centre[j] >= InterestTag.MIN_SCORE) {
                traits.add(new Clustering.InterestTrait(labels.get(j), centre[j], mean[j]));
            }
        }
        traits.sort(Comparator.comparingDouble(Clustering.InterestTrait::share).reversed()
                .thenComparing(Clustering.InterestTrait::label));
        return List.copyOf(traits.subList(0, Math.min(TAGS, traits.size())));
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
