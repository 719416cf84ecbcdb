package io.channelmind.optimizer.service;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import io.channelmind.optimizer.domain.ChannelTotals;

/**
 * Data a channel recommendation is computed from.
 *
 * @param requestedCandidates channels the caller restricts the choice to; empty for every known channel
 * @param allProfiles         totals per channel over all profiles
 * @param knownChannels       channels named by any customer event or spend row
 * @param segmentMembers      current members of the segment
 * @param segmentTotals       totals per channel over the segment's members
 */
public record RecommendationInput(
        String segment,
        List<String> requestedCandidates,
        Map<String, ChannelTotals> allProfiles,
        SortedSet<String> knownChannels,
        long segmentMembers,
        Map<String, ChannelTotals> segmentTotals) {
}
