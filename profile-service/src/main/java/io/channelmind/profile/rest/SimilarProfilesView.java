package io.channelmind.profile.rest;

import java.util.List;

import io.channelmind.profile.interest.InterestTag;

/**
 * The profiles most similar to {@code profileKey} by cosine similarity of their interest vectors,
 * most similar first; empty when the profile has no interest vector yet.
 */
public record SimilarProfilesView(String profileKey, List<InterestTag> interests, List<SimilarProfile> similar) {

    /** One similar profile: its key, the cosine similarity from -1 to 1 (0 to 1 in practice) and its interest tags. */
    public record SimilarProfile(String profileKey, double similarity, List<InterestTag> interests) {
    }
}
