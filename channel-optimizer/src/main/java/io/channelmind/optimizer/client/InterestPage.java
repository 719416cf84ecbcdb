package io.channelmind.optimizer.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page of profile-service's interest export. Component {@code i} of each vector is the share
 * of {@code labels[i]}; {@code next} is the {@code after} of the following page, null on the last.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InterestPage(String modelVersion, List<String> labels, List<ProfileVector> profiles, String next) {

    /** The interest vector of one profile. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProfileVector(String profileKey, double[] vector, String updatedAt) {
    }
}
