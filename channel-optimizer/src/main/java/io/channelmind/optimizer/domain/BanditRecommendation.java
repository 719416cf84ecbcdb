package io.channelmind.optimizer.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel chosen for a profile or a segment by Thompson sampling, with the reason in English and Chinese. */
public record BanditRecommendation(
        @Schema(description = "The profile recommended for; null for a segment", nullable = true) String profileKey,
        @Schema(description = "The segment recommended for, or the segment the profile is compared with",
                nullable = true) String segment,
        @Schema(description = "Recommended channel") String channel,
        @Schema(description = "exploit when the channel had the highest sampled rate, explore when it was drawn at"
                + " random to keep learning", enumeration = {EXPLOIT, EXPLORE}) String decision,
        @Schema(description = "The reason in English") String reason,
        @Schema(description = "The reason in Simplified Chinese") String reasonZh,
        @Schema(description = "Share of recommendations that pick a random candidate") double explorationShare,
        @Schema(description = "Seed of the random draws; the same seed and data give the same recommendation") long seed,
        @Schema(description = "Response model version used; null when none has been trained", nullable = true)
        Long modelVersion,
        @Schema(description = "Who the reference rates are from: segment-members or all-profiles",
                enumeration = {ChannelRecommendation.BASIS_SEGMENT_MEMBERS, ChannelRecommendation.BASIS_ALL_PROFILES})
        String referenceBasis,
        @Schema(description = "Candidates, highest sampled rate first") List<ScoredChannel> considered) {

    public static final String EXPLOIT = "exploit";
    public static final String EXPLORE = "explore";
}
