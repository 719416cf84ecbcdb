package io.channelmind.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.client.InterestSnapshot;
import io.channelmind.optimizer.model.ModelEvaluation;
import io.channelmind.optimizer.model.ResponseExample;
import io.channelmind.optimizer.model.TrainingResult;
import io.channelmind.optimizer.model.TrainingSettings;
import io.channelmind.optimizer.repository.ProfileTraitRepository.TrainingRow;

/**
 * Trains with and without interest vectors on rows whose response depends on the interests only:
 * customers who like the outdoors respond on sms, the others e-mail, and age is noise.
 */
class InterestTrainingTest {

    private static final List<String> LABELS = List.of("outdoor", "kitchen", "finance");
    private static final int PROFILES = 600;

    private final List<TrainingRow> rows = new ArrayList<>();
    private final Map<String, double[]> vectors = new HashMap<>();

    InterestTrainingTest() {
        Random random = new Random(42);
        for (int i = 0; i < PROFILES; i++) {
            String profileKey = "p-" + i;
            double outdoor = random.nextDouble();
            double kitchen = (1.0 - outdoor) * random.nextDouble();
            vectors.put(profileKey, new double[] {outdoor, kitchen, 1.0 - outdoor - kitchen});
            String channel = random.nextBoolean() ? "sms" : "email";
            boolean converts = (channel.equals("sms") == outdoor > 0.5) != (random.nextDouble() < 0.1);
            Map<String, String> traits = Map.of("age", Integer.toString(20 + random.nextInt(50)),
                    "interest.outdoor", "0.99");
            rows.add(new TrainingRow(profileKey, new ResponseExample(traits, channel, converts)));
        }
    }

    @Test
    void embeddingBeatsFeaturesOnlyOnSameHoldout() {
        TrainingResult result = ResponseModelService.fit(rows, new InterestSnapshot("v1", LABELS, vectors),
                TrainingSettings.defaults());

        ModelEvaluation with = result.evaluation();
        ModelEvaluation without = result.embeddings().withoutEmbeddings();
        assertTrue(result.embeddings().used());
        assertEquals(PROFILES, result.embeddings().rowsWithVector());
        assertEquals(with.holdoutRows(), without.holdoutRows());
        assertEquals(with.trainingRows(), without.trainingRows());
        assertEquals(List.of("age", "interest.finance", "interest.kitchen", "interest.outdoor"), with.features());
        assertEquals(List.of("age"), without.features());
        assertTrue(with.model().auc() > 0.8, "AUC with the embedding " + with.model().auc());
        assertTrue(without.model().auc() < 0.65, "AUC without the embedding " + without.model().auc());
        assertTrue(with.model().f1() > without.model().f1(), with.model().f1() + " against " + without.model().f1());
        assertTrue(with.model().brierScore() < without.model().brierScore(),
                with.model().brierScore() + " against " + without.model().brierScore());
    }

    @Test
    void missingVectorTakesTheMean() {
        vectors.remove("p-0");
        vectors.remove("p-1");

        TrainingResult result = ResponseModelService.fit(rows, new InterestSnapshot("v1", LABELS, vectors),
                TrainingSettings.defaults());

        assertEquals(PROFILES - 2, result.embeddings().rowsWithVector());
        assertTrue(result.embeddings().reason().startsWith("598 of 600 rows have an interest vector"),
                result.embeddings().reason());
    }

    @Test
    void withoutSnapshotTrainsOnFeatures() {
        TrainingResult result = ResponseModelService.fit(rows, null, TrainingSettings.defaults());

        assertFalse(result.embeddings().used());
        assertNull(result.embeddings().withoutEmbeddings());
        assertEquals(List.of("age"), result.evaluation().features());
        assertFalse(result.model().encoder().usesInterests());
    }
}
