package io.channelmind.optimizer.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The channel recommended for a segment, the reason in words and the numbers behind it. */
public record ChannelRecommendation(
        String segment,
        @Schema(description = "Recommended channel") String channel,
        @Schema(description = "One or two English sentences with the numbers behind the choice") String reason,
        @Schema(description = "Current members of the segment; 0 when the segment is unknown") long segmentMembers,
        @Schema(description = "Candidate channels, best posterior mean first") List<ConsideredChannel> considered,
        @Schema(description = "Whose contacts decide which channels can win: segment-members, or all-profiles when"
                + " the segment has no members or none of them was contacted on a candidate channel",
                enumeration = {BASIS_SEGMENT_MEMBERS, BASIS_ALL_PROFILES}) String basis,
        BetaPrior prior) {

    public static final String BASIS_SEGMENT_MEMBERS = "segment-members";
    public static final String BASIS_ALL_PROFILES = "all-profiles";
}
