package io.channelmind.optimizer.service;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.DayPartCounts;

/**
 * Data a channel recommendation is computed from.
 *
 * @param requestedCandidates channels the caller restricts the choice to; empty for every known channel
 * @param allProfiles         totals per channel over all profiles
 * @param knownChannels       channels named by any customer event or spend row
 * @param segmentMembers      current members of the segment
 * @param segmentTotals       totals per channel over the segment's members
 * @param segmentDayParts     the members' opens, clicks and conversions per channel and part of the day
 */
public record RecommendationInput(
        String segment,
        List<String> requestedCandidates,
        Map<String, ChannelTotals> allProfiles,
        SortedSet<String> knownChannels,
        long segmentMembers,
        Map<String, ChannelTotals> segmentTotals,
        Map<String, Map<DayPart, DayPartCounts>> segmentDayParts) {

    public RecommendationInput(String segment, List<String> requestedCandidates, Map<String, ChannelTotals> allProfiles,
            SortedSet<String> knownChannels, long segmentMembers, Map<String, ChannelTotals> segmentTotals) {
        this(segment, requestedCandidates, allProfiles, knownChannels, segmentMembers, segmentTotals, Map.of());
    }
}
