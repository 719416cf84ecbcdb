package io.channelmind.profile.rest;

import java.time.Instant;
import java.util.List;

/**
 * One page of interest vectors in profile key order, for models that use interests as
 * features. Component {@code i} of each {@code vector} is the share of {@code labels[i]}, so the
 * components add up to 1. {@code next} is the {@code after} value of the next page, null on the
 * last.
 */
public record InterestPage(String modelVersion, List<String> labels, List<ProfileInterests> profiles, String next) {

    /** One profile's vector of label shares and the time of its latest interest text. */
    public record ProfileInterests(String profileKey, double[] vector, Instant updatedAt) {
    }
}
