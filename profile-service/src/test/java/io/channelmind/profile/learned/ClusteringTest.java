package io.channelmind.profile.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClusteringTest {

    private static final List<FeatureColumn> COLUMNS = List.of(
            column("frequency", "buys often", "buys rarely"),
            column("monetary", "spends a lot", "spends little"),
            column("email.openRate", "opens email", "rarely opens email"));

    private static final List<String> LABELS = List.of("outdoor", "sports", "kitchen", "home-decor", "books", "toys");

    /** Three groups of 100 around distinct centres: frequent big spenders, rare buyers who open e-mail, a middle group. */
    private static final double[][] CENTRES = {{12, 900, 0.2}, {1, 40, 0.8}, {4, 200, 0.2}};

    @Test
    void silhouetteRecoversKnownGroups() {
        double[][] rows = synthetic(100, 7);

        Clustering.Result result = Clustering.cluster(rows, COLUMNS, null, 2, 6, 42);

        assertEquals(3, result.k());
        assertTrue(result.silhouette() > 0.5, "silhouette " + result.silhouette());
        Set<Set<Integer>> expected = new HashSet<>();
        for (int group = 0; group < CENTRES.length; group++) {
            Set<Integer> members = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                members.add(group * 100 + i);
            }
            expected.add(members);
        }
        Set<Set<Integer>> found = new HashSet<>();
        result.clusters().forEach(cluster -> found.add(new HashSet<>(cluster.rows())));
        assertEquals(expected, found);
    }

    @Test
    void descriptionsNameDistinguishingTraits() {
        Clustering.Result result = Clustering.cluster(synthetic(100, 7), COLUMNS, 3, 2, 6, 42);

        Clustering.Cluster big = result.clusters().stream().filter(cluster -> cluster.rows().contains(0)).findFirst()
                .orElseThrow();
        Clustering.Cluster openers = result.clusters().stream().filter(cluster -> cluster.rows().contains(100))
                .findFirst().orElseThrow();
        // The group's frequency centre is 12 against (12 + 1 + 4) / 3 = 5.7 over all rows.
        assertTrue(big.describeEn().contains("buys often (frequency 2.1x the average)"), big.describeEn());
        assertTrue(big.describeEn().contains("spends a lot"), big.describeEn());
        assertEquals(3, big.traits().size());
        assertTrue(big.describeZh().contains("高frequency（frequency为平均值的 2.1 倍）"), big.describeZh());
        assertTrue(openers.describeEn().contains("opens email"), openers.describeEn());
        assertTrue(openers.describeEn().contains("buys rarely"), openers.describeEn());
    }

    @Test
    void sameSeedGivesSameClusters() {
        double[][] rows = synthetic(60, 3);

        Clustering.Result first = Clustering.cluster(rows, COLUMNS, 4, 2, 6, 9);
        Clustering.Result second = Clustering.cluster(rows, COLUMNS, 4, 2, 6, 9);

        assertEquals(first.clusters(), second.clusters());
        assertEquals(first.silhouette(), second.silhouette());
    }

    @Test
    void missingValuesAreImputed() {
        double[][] rows = synthetic(30, 5);
        rows[0][1] = Double.NaN;

        Clustering.Result result = Clustering.cluster(rows, COLUMNS, 3, 2, 6, 1);

        assertEquals(90, result.clusters().stream().mapToInt(cluster -> cluster.rows().size()).sum());
    }

    @Test
    void emptyInputHasNoClusters() {
        assertEquals(List.of(), Clustering.cluster(new double[0][], COLUMNS, null, 2, 6, 1).clusters());
    }

    @Test
    void interestsSplitGroupsWithSameBehaviour() {
        double[][] rows = sameBehaviour(200, 11);
        double[][] shares = interestShares(100, 13);
        InterestBlock interests = InterestBlock.ofShares(LABELS, shares);

        Clustering.Result withInterests = Clustering.cluster(rows, COLUMNS, interests, null, 2, 6, 42);
        Clustering.Result behaviourOnly = Clustering.cluster(rows, COLUMNS, 2, 2, 6, 42);

        Set<Set<Integer>> groups = Set.of(range(0, 100), range(100, 200));
        assertEquals(2, withInterests.k());
        assertEquals(groups, rowSets(withInterests));
        assertNotEquals(groups, rowSets(behaviourOnly), "behaviour alone carries no group signal");
        Clustering.Cluster outdoor = clusterOf(withInterests, 0);
        Clustering.Cluster kitchen = clusterOf(withInterests, 100);
        assertEquals("outdoor", outdoor.interests().get(0).label());
        assertEquals("kitchen", kitchen.interests().get(0).label());
        assertTrue(outdoor.describeEn().contains("interested in outdoor ("), outdoor.describeEn());
        assertTrue(kitchen.describeEn().contains("interested in kitchen ("), kitchen.describeEn());
        assertTrue(outdoor.describeZh().contains("兴趣偏向outdoor（"), outdoor.describeZh());
        assertFalse(outdoor.describeEn().contains("kitchen"), outdoor.describeEn());
    }

    @Test
    void profilesWithoutInterestsAreKept() {
        double[][] rows = sameBehaviour(200, 11);
        double[][] shares = interestShares(100, 13);
        for (int i = 0; i < 200; i += 4) {
            shares[i] = null;
        }

        Clustering.Result result = Clustering.cluster(rows, COLUMNS, InterestBlock.ofShares(LABELS, shares), 2, 2, 6,
                42);

        Set<Integer> clustered = new HashSet<>();
        result.clusters().forEach(cluster -> clustered.addAll(cluster.rows()));
        assertEquals(range(0, 200), clustered);
        assertEquals(200, result.clusters().stream().mapToInt(cluster -> cluster.rows().size()).sum());
        Clustering.Cluster outdoor = clusterOf(result, 1);
        assertEquals("outdoor", outdoor.interests().get(0).label());
        assertTrue(outdoor.withoutInterests() < Clustering.MISSING_INTERESTS_SHARE, "" + outdoor.withoutInterests());
    }

    @Test
    void clusterWithoutInterestsSaysSo() {
        double[][] shares = new double[4][];
        shares[0] = new double[] {0.9, 0.1, 0};
        shares[1] = new double[] {0.1, 0.9, 0};
        InterestBlock block = InterestBlock.ofShares(List.of("a", "b", "c"), shares);

        Clustering.Cluster cluster = new Clustering.Cluster(List.of(2, 3), List.of(), block.traits(List.of(2, 3), 0.5),
                (double) block.missing(List.of(2, 3)) / 2);

        assertTrue(block.present());
        assertEquals(List.of(), cluster.interests());
        assertEquals("no interest data for 100% of members", cluster.describeEn());
        assertEquals("100% 的成员没有兴趣数据", cluster.describeZh());
    }

    @Test
    void noVectorsMeansNoInterestBlock() {
        InterestBlock block = InterestBlock.ofShares(LABELS, new double[3][]);

        assertFalse(block.present());
        assertEquals(0, block.width());
    }

    private static double[][] synthetic(int perGroup, long seed) {
        Random random = new Random(seed);
        List<double[]> rows = new ArrayList<>();
        for (double[] centre : CENTRES) {
            for (int i = 0; i < perGroup; i++) {
                rows.add(new double[] {
                    centre[0] * (1 + 0.1 * random.nextGaussian()),
                    centre[1] * (1 + 0.1 * random.nextGaussian()),
                    centre[2] + 0.03 * random.nextGaussian()});
            }
        }
        return rows.toArray(double[][]::new);
    }

    /** Rows around one centre, so behaviour alone has no groups. */
    private static double[][] sameBehaviour(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[] {4 * (1 + 0.2 * random.nextGaussian()), 200 * (1 + 0.2 * random.nextGaussian()),
                0.3 + 0.05 * random.nextGaussian()};
        }
        return rows;
    }

    /**
     * Label shares for two groups of {@code perGroup}: the first mostly outdoor and sports, the
     * second mostly kitchen and home-decor, each with random weight on every label.
     */
    private static double[][] interestShares(int perGroup, long seed) {
        Random random = new Random(seed);
        double[][] shares = new double[2 * perGroup][];
        for (int i = 0; i < shares.length; i++) {
            double[] row = new double[LABELS.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble();
            }
            int first = i < perGroup ? 0 : 2;
            row[first] += 4 + 2 * random.nextDouble();
            row[first + 1] += 2 * random.nextDouble();
            double total = 0;
            for (double value : row) {
                total += value;
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= total;
            }
            shares[i] = row;
        }
        return shares;
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> rows = new HashSet<>();
        for (int i = from; i < to; i++) {
            rows.add(i);
        }
        return rows;
    }

    private static Set<Set<Integer>> rowSets(Clustering.Result result) {
        Set<Set<Integer>> sets = new HashSet<>();
        result.clusters().forEach(cluster -> sets.add(new HashSet<>(cluster.rows())));
        return sets;
    }

    private static Clustering.Cluster clusterOf(Clustering.Result result, int row) {
        return result.clusters().stream().filter(cluster -> cluster.rows().contains(row)).findFirst().orElseThrow();
    }

    private static FeatureColumn column(String name, String high, String low) {
        return new FeatureColumn(name, profile -> 0, true, high, low, "高" + name, "低" + name, name);
    }
}
