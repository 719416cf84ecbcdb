package io.channelmind.optimizer.attribution;

import java.util.ArrayList;
import java.util.List;

/** Runs the requested models over one set of journeys. */
public final class AttributionService {

    private AttributionService() {
    }

    /** Returns one result per model, in the order requested; Markov uses the settings' order. */
    public static List<AttributionResult> attribute(List<Journey> journeys, List<AttributionModel> models,
            AttributionSettings settings) {
        List<AttributionResult> results = new ArrayList<>();
        for (AttributionModel model : models) {
            results.add(model == AttributionModel.MARKOV
                    ? MarkovAttribution.attribute(journeys, settings.markovOrder())
                    : HeuristicAttribution.attribute(journeys, model, settings));
        }
        return results;
    }
}
