package io.channelmind.profile.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.Clusterable;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.MultiKMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/**
 * Clusters standardised feature rows, with the interest block appended (see {@link InterestBlock}),
 * with k-means++ (Hipparchus). It describes each cluster by the features whose mean differs most
 * from the population's and by its distinguishing interest labels. Results depend only on the
 * rows, k and the seed.
 */
public final class Clustering {

    /** The silhouette is computed on at most this many rows, chosen with the seed, because it costs O(n²). */
    static final int SILHOUETTE_SAMPLE = 1_000;
    /** Runs of k-means++ per k; the run with the smallest within-cluster variance is kept. */
    static final int TRIALS = 5;
    static final int MAX_ITERATIONS = 300;
    /** Traits named per cluster, at most. */
    static final int TRAITS = 3;
    /** A feature is a distinguishing trait when its cluster mean is at least this many standard deviations from the population mean. */
    static final double TRAIT_THRESHOLD = 0.5;
    /** A cluster's description mentions missing interests when at least this share of its members has no vector. */
    static final double MISSING_INTERESTS_SHARE = 0.5;

    /**
     * One cluster: its row indexes in ascending order, its feature traits and its interest
     * traits, strongest first, and the share of its members without an interest vector (0 when
     * clustering used no interests).
     */
    public record Cluster(List<Integer> rows, List<Trait> traits, List<InterestTrait> interests,
            double withoutInterests) {

        public String describeEn() {
            List<String> parts = new ArrayList<>(traits.stream().map(Trait::en).toList());
            if (!interests.isEmpty()) {
                parts.add("interested in " + String.join(", ", interests.stream().map(InterestTrait::en).toList()));
            }
            if (withoutInterests >= MISSING_INTERESTS_SHARE) {
                parts.add(String.format(Locale.ROOT, "no interest data for %.0f%% of members", 100 * withoutInterests));
            }
            return parts.isEmpty() ? "close to the average on every feature" : String.join(", ", parts);
        }

        public String describeZh() {
            List<String> parts = new ArrayList<>(traits.stream().map(Trait::zh).toList());
            if (!interests.isEmpty()) {
                parts.add("兴趣偏向" + String.join("、", interests.stream().map(InterestTrait::zh).toList()));
            }
            if (withoutInterests >= MISSING_INTERESTS_SHARE) {
                parts.add(String.format(Locale.ROOT, "%.0f%% 的成员没有兴趣数据", 100 * withoutInterests));
            }
            return parts.isEmpty() ? "各项特征均接近平均水平" : String.join("，", parts);
        }
    }

    /**
     * A distinguishing trait: the feature, how many population standard deviations the cluster
     * mean lies from the population mean, and the phrases in English and Chinese.
     */
    public record Trait(String feature, double score, String en, String zh) {
    }

    /**
     * A distinguishing interest: an anchor label, its share of the interests at the cluster
     * centre and its mean share over every profile with a vector, both from 0 to 1.
     */
    public record InterestTrait(String label, double share, double populationShare) {

        String en() {
            return String.format(Locale.ROOT, "%s (%.0f%% of interests against %.0f%% on average)", label,
                    100 * share, 100 * populationShare);
        }

        String zh() {
            return String.format(Locale.ROOT, "%s（占兴趣的 %.0f%%，平均为 %.0f%%）", label, 100 * share,
                    100 * populationShare);
        }
    }

    /** The clusters, largest first, with the k used and its mean silhouette (NaN for one cluster). */
    public record Result(int k, double silhouette, List<Cluster> clusters) {
    }

    private Clustering() {
    }

    /** Clusters {@code raw} on its feature columns alone; see {@link #cluster(double[][], List, InterestBlock, Integer, int, int, long)}. */
    public static Result cluster(double[][] raw, List<FeatureColumn> columns, Integer k, int kMin, int kMax, long seed) {
        return cluster(raw, columns, InterestBlock.none(raw.length), k, kMin, kMax, seed);
    }

    /**
     * Clusters {@code raw} (rows of {@link ClusterFeatures#matrix}) with the interest block of the
     * same profiles into {@code k} clusters, or, when {@code k} is null, into the k in
     * {@code [kMin, kMax]} with the highest mean silhouette.
     */
    public static Result cluster(double[][] raw, List<FeatureColumn> columns, InterestBlock interests, Integer k,
            int kMin, int kMax, long seed) {
        if (raw.length == 0) {
            return new Result(0, Double.NaN, List.of());
        }
        Standardised data = Standardised.of(raw);
        double[][] points = points(data, interests);
        if (k != null) {
            return describe(data, points, columns, interests, run(points, Math.min(k, raw.length), seed), seed);
        }
        Result best = null;
        for (int candidate = kMin; candidate <= Math.min(kMax, raw.length - 1); candidate++) {
            Result result = describe(data, points, columns, interests, run(points, candidate, seed), seed);
            if (best == null || result.silhouette() > best.silhouette()) {
                best = result;
            }
        }
        return best != null ? best : describe(data, points, columns, interests, run(points, 1, seed), seed);
    }

    /** Returns each profile's z-scores followed by its interest coordinates. */
    private static double[][] points(Standardised data, InterestBlock interests) {
        double[][] points = new double[data.z().length][];
        for (int i = 0; i < points.length; i++) {
            double[] z = data.z()[i];
            double[] interest = interests.coordinates(i);
            points[i] = Arrays.copyOf(z, z.length + interest.length);
            System.arraycopy(interest, 0, points[i], z.length, interest.length);
        }
        return points;
    }

    private record Point(int row, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }

    private static List<List<Integer>> run(double[][] coordinates, int k, long seed) {
        List<Point> points = new ArrayList<>(coordinates.length);
        for (int i = 0; i < coordinates.length; i++) {
            points.add(new Point(i, coordinates[i]));
        }
        KMeansPlusPlusClusterer<Point> single = new KMeansPlusPlusClusterer<>(k, MAX_ITERATIONS, new EuclideanDistance(),
                new Well19937c(seed));
        List<CentroidCluster<Point>> found = new MultiKMeansPlusPlusClusterer<>(single, TRIALS).cluster(points);
        List<List<Integer>> clusters = new ArrayList<>();
        for (CentroidCluster<Point> cluster : found) {
            List<Integer> rows = new ArrayList<>(cluster.getPoints().stream().map(Point::row).sorted().toList());
            if (!rows.isEmpty()) {
                clusters.add(rows);
            }
        }
        // Largest first, then by first row, so the numbering does not depend on Hipparchus's order.
        clusters.sort(Comparator.<List<Integer>>comparingInt(List::size).reversed().thenComparing(rows -> rows.get(0)));
        return clusters;
    }

    private static Result describe(Standardised data, double[][] points, List<FeatureColumn> columns,
            InterestBlock interests, List<List<Integer>> clusters, long seed) {
        int[] label = new int[points.length];
        for (int c = 0; c < clusters.size(); c++) {
            for (int row : clusters.get(c)) {
                label[row] = c;
            }
        }
        List<Cluster> described = new ArrayList<>();
        for (List<Integer> rows : clusters) {
            double withoutInterests = interests.present() ? (double) interests.missing(rows) / rows.size() : 0;
            described.add(new Cluster(List.copyOf(rows), traits(data, columns, rows),
                    interests.traits(rows, TRAIT_THRESHOLD), withoutInterests));
        }
        return new Result(clusters.size(), Silhouette.mean(points, label, clusters.size(), SILHOUETTE_SAMPLE, seed),
                described);
    }

    private static List<Trait> traits(Standardised data, List<FeatureColumn> columns, List<Integer> rows) {
        List<Trait> traits = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            if (data.deviation()[j] == 0) {
                continue;
            }
            double sum = 0;
            for (int row : rows) {
                sum += data.filled()[row][j];
            }
            double mean = sum / rows.size();
            double score = (mean - data.mean()[j]) / data.deviation()[j];
            if (Math.abs(score) >= TRAIT_THRESHOLD) {
                traits.add(trait(columns.get(j), score, mean, data.mean()[j]));
            }
        }
        traits.sort(Comparator.comparingDouble((Trait trait) -> -Math.abs(trait.score())));
        return List.copyOf(traits.subList(0, Math.min(TRAITS, traits.size())));
    }

    /** Words a trait: "buys often (frequency 3.1x the average)", or with the two means when a ratio means nothing. */
    private static Trait trait(FeatureColumn column, double score, double mean, double populationMean) {
        boolean high = score > 0;
        String phraseEn = high ? column.highEn() : column.lowEn();
        String phraseZh = high ? column.highZh() : column.lowZh();
        if (column.nonNegative() && populationMean > 0) {
            double ratio = mean / populationMean;
            return new Trait(column.name(), score,
                    String.format(Locale.ROOT, "%s (%s %.1fx the average)", phraseEn, column.name(), ratio),
                    String.format(Locale.ROOT, "%s（%s为平均值的 %.1f 倍）", phraseZh, column.labelZh(), ratio));
        }
        return new Trait(column.name(), score,
                String.format(Locale.ROOT, "%s (%s %.2f against %.2f on average)", phraseEn, column.name(), mean,
                        populationMean),
                String.format(Locale.ROOT, "%s（%s为 %.2f，平均为 %.2f）", phraseZh, column.labelZh(), mean, populationMean));
    }
}
