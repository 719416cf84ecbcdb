package io.channelmind.profile.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static FeatureColumn column(String name, String high, String low) {
        return new FeatureColumn(name, profile -> 0, true, high, low, "高" + name, "低" + name, name);
    }
}
