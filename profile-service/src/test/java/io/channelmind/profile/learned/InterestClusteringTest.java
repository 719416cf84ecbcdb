package io.channelmind.profile.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestVector;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Learned segments over interest vectors made by the real models: two labelled groups of
 * customers with the same buying behaviour, one buying outdoor gear and one kitchenware, in
 * English and Chinese. It runs in the Quarkus application, because the tokenizer's native library
 * can be loaded by one class loader per JVM only.
 */
@QuarkusTest
class InterestClusteringTest {

    private static final List<String> OUTDOOR = List.of("Waterproof hiking boots", "Two person camping tent",
            "双人野营帐篷带防潮垫", "Trekking poles for mountain walks", "轻量防水冲锋衣", "Insulated sleeping bag",
            "Head torch for night hikes", "登山背包 40 升");
    private static final List<String> KITCHEN = List.of("Non-stick frying pan", "Set of four ceramic coffee mugs",
            "不粘锅煎锅和木铲套装", "Stainless steel cake tin", "陶瓷茶杯四件套", "Chef's knife with wooden block",
            "Glass mixing bowls", "电饭煲 5 升");
    private static final int PER_GROUP = 40;
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static final List<FeatureColumn> COLUMNS = List.of(
            new FeatureColumn("frequency", profile -> 0, true, "buys often", "buys rarely", "经常购买", "很少购买", "购买次数"),
            new FeatureColumn("monetary", profile -> 0, true, "spends a lot", "spends little", "消费金额高", "消费金额低",
                    "消费金额"));

    @Inject
    InterestEncoder encoder;

    @Test
    void clustersSplitByWhatTheyBuy() {
        List<String> texts = new ArrayList<>(OUTDOOR);
        texts.addAll(KITCHEN);
        Map<String, double[]> distributions = encoder.encode(texts);
        Random random = new Random(5);
        double[][] behaviour = new double[2 * PER_GROUP][];
        double[][] shares = new double[2 * PER_GROUP][];
        for (int i = 0; i < shares.length; i++) {
            List<String> theme = i < PER_GROUP ? OUTDOOR : KITCHEN;
            InterestVector vector = null;
            for (int purchase = 0; purchase < 3; purchase++) {
                double[] distribution = distributions.get(theme.get(random.nextInt(theme.size())));
                Instant at = T0.plus(Duration.ofDays(purchase));
                vector = vector == null ? InterestVector.of(distribution, 1, at, Duration.ofDays(90))
                        : vector.plus(distribution, 1, at);
            }
            shares[i] = vector.shares();
            behaviour[i] = new double[] {3 + random.nextGaussian(), 150 * (1 + 0.3 * random.nextGaussian())};
        }

        Clustering.Result result = Clustering.cluster(behaviour, COLUMNS,
                InterestBlock.ofShares(encoder.anchors().labels(), shares), null, 2, 6, 42);

        assertEquals(2, result.k());
        Set<Set<Integer>> found = new HashSet<>();
        result.clusters().forEach(cluster -> found.add(new HashSet<>(cluster.rows())));
        assertEquals(Set.of(rows(0, PER_GROUP), rows(PER_GROUP, 2 * PER_GROUP)), found);
        Clustering.Cluster outdoor = result.clusters().stream().filter(c -> c.rows().contains(0)).findFirst()
                .orElseThrow();
        Clustering.Cluster kitchen = result.clusters().stream().filter(c -> c.rows().contains(PER_GROUP)).findFirst()
                .orElseThrow();
        assertEquals("outdoor", outdoor.interests().get(0).label(), outdoor.describeEn());
        assertEquals("kitchen", kitchen.interests().get(0).label(), kitchen.describeEn());
        assertTrue(outdoor.describeEn().contains("interested in outdoor"), outdoor.describeEn());
        assertTrue(kitchen.describeZh().contains("兴趣偏向kitchen"), kitchen.describeZh());
    }

    private static Set<Integer> rows(int from, int to) {
        Set<Integer> rows = new HashSet<>();
        for (int i = from; i < to; i++) {
            rows.add(i);
        }
        return rows;
    }
}
