package io.channelmind.optimizer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ResponseModelTest {

    @Test
    void recoversSimulatedCoefficients() {
        // logit P(convert) = -1 + 1.5 * x on email, and -2 + 0 * x on sms; x standard normal.
        Random random = new Random(7);
        List<ResponseExample> examples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double x = random.nextGaussian();
            String channel = i % 2 == 0 ? "email" : "sms";
            double logit = channel.equals("email") ? -1 + 1.5 * x : -2;
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            examples.add(new ResponseExample(Map.of("x", Double.toString(x)), channel, converted));
        }

        ResponseModel model = ResponseModel.fit(examples, 1e-3);

        // The standardised x is close to x itself, so the fitted logits are close to the simulated ones.
        assertEquals(sigmoid(-1 + 1.5), model.probability(Map.of("x", "1"), "email"), 0.03);
        assertEquals(sigmoid(-1 - 1.5), model.probability(Map.of("x", "-1"), "email"), 0.03);
        assertEquals(sigmoid(-2), model.probability(Map.of("x", "1"), "sms"), 0.03);
        assertEquals(sigmoid(-2), model.probability(Map.of("x", "-1"), "sms"), 0.03);
    }

    @Test
    void rankingDependsOnProfile() {
        // Email converts half of the evening profiles and no morning one; SMS a third of the morning ones.
        List<ResponseExample> examples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean evening = i % 2 == 0;
            examples.add(new ResponseExample(Map.of("daypart", evening ? "evening" : "morning"), "email",
                    evening && i % 4 == 0));
            examples.add(new ResponseExample(Map.of("daypart", evening ? "evening" : "morning"), "sms",
                    !evening && i % 3 == 0));
        }

        ResponseModel model = ResponseModel.fit(examples, 0.1);

        assertEquals("email", ResponseModelTrainer.recommend(model, Map.of("daypart", "evening")));
        assertEquals("sms", ResponseModelTrainer.recommend(model, Map.of("daypart", "morning")));
    }

    @Test
    void encoderDropsDurationAndIdentifiers() {
        List<ResponseExample> examples = List.of(
                new ResponseExample(Map.of("age", "30", "duration", "120", "email", "a@example.com"), "sms", true),
                new ResponseExample(Map.of("age", "50", "duration", "10", "email", "b@example.com"), "sms", false));

        FeatureEncoder encoder = FeatureEncoder.fit(examples);

        assertEquals(List.of("age"), encoder.featureNames());
        assertFalse(encoder.featureNames().contains("duration"));
    }

    @Test
    void unknownLevelsAndMissingValuesScore() {
        List<ResponseExample> examples = List.of(
                new ResponseExample(Map.of("job", "admin.", "age", "30"), "sms", true),
                new ResponseExample(Map.of("job", "retired", "age", "70"), "sms", false));
        ResponseModel model = ResponseModel.fit(examples, 1.0);

        double probability = model.probability(Map.of("job", "astronaut"), "sms");

        assertTrue(probability > 0, "probability " + probability);
        assertTrue(probability < 1, "probability " + probability);
        assertThrows(IllegalArgumentException.class, () -> model.probability(Map.of(), "fax"));
    }

    @Test
    void trainerRejectsSingleOutcome() {
        List<ResponseExample> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            examples.add(new ResponseExample(Map.of("age", Integer.toString(20 + i)), "sms", false));
        }

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResponseModelTrainer.train(examples, TrainingSettings.defaults()));

        assertTrue(error.getMessage().contains("0 of 32 converted"), error.getMessage());
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
