package io.channelmind.optimizer.client;

import java.util.List;
import java.util.Map;

/**
 * Every interest vector of the export, read in one pass with one model version.
 *
 * @param modelVersion profile-service's embedding model version of all the vectors
 * @param labels       the label of each vector component
 * @param vectors      vector by profile key
 */
public record InterestSnapshot(String modelVersion, List<String> labels, Map<String, double[]> vectors) {
}
