package io.channelmind.optimizer.service;

import java.util.List;
import java.util.Map;

import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.DayPartCounts;
import io.channelmind.optimizer.model.StoredResponseModel;

/**
 * Data a bandit recommendation is computed from. The audience is one profile or a segment's members.
 *
 * @param profileKey        the profile, or null for a segment
 * @param segment           the segment, or for a profile the segment it is compared with; may be null
 * @param audienceFeatures  the traits of each audience member (one map for a profile)
 * @param audienceTotals    the audience's own totals per channel
 * @param allProfiles       totals per channel over all profiles
 * @param referenceTotals   totals per channel of the comparison group (the segment, or all profiles)
 * @param referenceBasis    segment-members or all-profiles
 * @param candidates        the channels to choose from, sorted
 * @param model             the newest response model, or null before the first training run
 * @param audienceDayParts  the audience's opens, clicks and conversions per channel and part of
 *                          the day, in each profile's time zone
 */
public record BanditInput(
        String profileKey,
        String segment,
        List<Map<String, String>> audienceFeatures,
        Map<String, ChannelTotals> audienceTotals,
        Map<String, ChannelTotals> allProfiles,
        Map<String, ChannelTotals> referenceTotals,
        String referenceBasis,
        List<String> candidates,
        StoredResponseModel model,
        double explorationShare,
        long seed,
        Map<String, Map<DayPart, DayPartCounts>> audienceDayParts) {
}
