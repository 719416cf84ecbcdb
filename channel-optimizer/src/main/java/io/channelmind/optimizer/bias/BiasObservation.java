package io.channelmind.optimizer.bias;

import java.util.Map;

/**
 * One scored profile as the bias report sees it.
 *
 * @param attributes         the profile's attributes by name as text (age, marital, ...)
 * @param recommendedChannel the channel the model recommends
 * @param predictedResponse  the predicted conversion probability on the recommended channel
 * @param recommended        true when the prediction reaches the decision threshold, so the profile would be contacted
 * @param converted          the observed outcome
 */
public record BiasObservation(Map<String, String> attributes, String recommendedChannel, double predictedResponse,
        boolean recommended, boolean converted) {
}
