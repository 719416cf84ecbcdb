package io.channelmind.profile.interest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A readable interest: an anchor label and its share of the profile's interest vector, from 0 to 1. */
public record InterestTag(String label, double score) {

    /** Number of tags on a profile view. */
    public static final int TOP = 5;
    /** Smallest share that becomes a tag, so a profile with one clear interest shows only that one. */
    public static final double MIN_SCORE = 0.05;

    /** Returns the labels with the largest shares, at most {@code limit}, each at least {@link #MIN_SCORE}. */
    public static List<InterestTag> top(InterestVector interests, AnchorSet anchors, int limit) {
        if (interests == null) {
            return List.of();
        }
        double[] shares = interests.shares();
        List<InterestTag> tags = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] >= MIN_SCORE) {
                tags.add(new InterestTag(anchors.anchors().get(i).label(), shares[i]));
            }
        }
        tags.sort(Comparator.comparingDouble(InterestTag::score).reversed().thenComparing(InterestTag::label));
        return tags.size() > limit ? List.copyOf(tags.subList(0, limit)) : List.copyOf(tags);
    }
}
