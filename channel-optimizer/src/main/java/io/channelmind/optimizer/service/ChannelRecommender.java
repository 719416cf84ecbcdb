package io.channelmind.optimizer.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.optimizer.domain.BetaPrior;
import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.ConsideredChannel;
import io.channelmind.web.Problem;

/**
 * Picks the channel to use for a segment.
 *
 * <p>Each candidate's conversion rate is estimated over all profiles, because the whole
 * customer base gives more evidence per channel than one segment. The estimate is the
 * posterior mean of a Beta-Binomial model, (conversions + alpha) / (contacts + alpha + beta).
 * The prior is Beta(2p, 2(1 - p)), where p is the pooled conversion rate of all candidates
 * together. It weighs as much as the uniform Beta(1, 1), two contacts, but is centred on the
 * candidates' average instead of 50%. Marketing conversion rates are mostly a few percent, so
 * Beta(1, 1) would rate a channel with one contact and no conversion at 33% and let it beat
 * a channel with thousands of contacts. With the pooled prior, a channel with few contacts is
 * pulled toward the average, and after a few dozen contacts its own rate decides. With no
 * contacts on any candidate, p is 0.5 and the prior is Beta(1, 1).
 *
 * <p>Only a channel on which at least one segment member was contacted can win. The highest
 * posterior mean wins; ties go to the channel that reached more members, then to the first
 * name in alphabetical order. A segment with no known members, or none contacted on a
 * candidate channel, falls back to all profiles, and the reason states the fallback.
 */
@ApplicationScoped
public class ChannelRecommender {

    private static final Comparator<ConsideredChannel> RANKING = Comparator
            .comparingDouble(ConsideredChannel::posteriorMean).reversed()
            .thenComparing(Comparator.comparingLong(ConsideredChannel::reachableMembers).reversed())
            .thenComparing(ConsideredChannel::channel);

    /**
     * Returns the recommendation. Throws a 409 problem when no channel is known or no candidate
     * has a contact, and a 400 problem when a requested candidate is not a known channel.
     */
    public ChannelRecommendation recommend(RecommendationInput input) {
        if (input.knownChannels().isEmpty()) {
            throw Problem.of(409, "no-channel-data", "No channel data")
                    .detail("No contact, conversion or spend event has been consumed yet, so there is no channel"
                            + " to recommend. Import customer events that name a channel and retry.")
                    .toException();
        }
        List<String> candidates = resolveCandidates(input.requestedCandidates(), input.knownChannels());
        Map<String, ChannelTotals> all = input.allProfiles();
        BetaPrior prior = pooledPrior(candidates, all);

        boolean segmentBasis = input.segmentMembers() > 0;
        List<ConsideredChannel> ranked = rank(candidates, all, prior,
                channel -> totals(input.segmentTotals(), channel).reached());
        if (segmentBasis && ranked.stream().noneMatch(ChannelRecommender::isReachable)) {
            segmentBasis = false;
        }
        if (!segmentBasis) {
            ranked = rank(candidates, all, prior, channel -> totals(all, channel).reached());
        }
        ConsideredChannel winner = ranked.stream()
                .filter(ChannelRecommender::isReachable)
                .findFirst()
                .orElseThrow(() -> noContacts(candidates));

        String reason = new RecommendationReason(input.segment(), input.segmentMembers(), segmentBasis, prior)
                .explain(winner, ranked);
        DayPartReason.PeakPart peak = segmentBasis && input.segmentDayParts() != null
                ? DayPartReason.peakPart(input.segmentDayParts().get(winner.channel()))
                : null;
        if (peak != null) {
            reason += " " + DayPartReason.english(peak, winner.channel(), DayPartReason.Audience.MEMBERS);
        }
        String basis = segmentBasis
                ? ChannelRecommendation.BASIS_SEGMENT_MEMBERS
                : ChannelRecommendation.BASIS_ALL_PROFILES;
        return new ChannelRecommendation(input.segment(), winner.channel(), reason, input.segmentMembers(), ranked,
                basis, prior);
    }

    static List<String> resolveCandidates(List<String> requested, SortedSet<String> known) {
        if (requested.isEmpty()) {
            return List.copyOf(known);
        }
        List<String> unknown = requested.stream().filter(channel -> !known.contains(channel)).toList();
        if (unknown.isEmpty()) {
            return requested;
        }
        Problem.Builder problem = Problem.of(400, "unknown-channel", "Unknown candidate channel")
                .detail("No consumed event names the candidate channel " + String.join(", ", unknown)
                        + ". Pass channels that have recorded contacts, conversions or spend, or leave out"
                        + " 'candidates' to consider every known channel.");
        for (String channel : unknown) {
            problem.error("candidates", channel, "Use one of: " + String.join(", ", known));
        }
        throw problem.toException();
    }

    private static BetaPrior pooledPrior(List<String> candidates, Map<String, ChannelTotals> all) {
        long conversions = 0;
        long trials = 0;
        for (String channel : candidates) {
            ChannelTotals totals = totals(all, channel);
            conversions += totals.conversions();
            trials += BetaPrior.trials(totals.contacts(), totals.conversions());
        }
        return BetaPrior.pooled(conversions, trials);
    }

    private static List<ConsideredChannel> rank(List<String> candidates, Map<String, ChannelTotals> all,
            BetaPrior prior, ToLongFunction<String> reach) {
        List<ConsideredChannel> ranked = new ArrayList<>();
        for (String channel : candidates) {
            ChannelTotals totals = totals(all, channel);
            long trials = BetaPrior.trials(totals.contacts(), totals.conversions());
            ranked.add(new ConsideredChannel(channel, totals.contacts(), totals.conversions(),
                    prior.posteriorMean(totals.conversions(), trials), reach.applyAsLong(channel)));
        }
        ranked.sort(RANKING);
        return ranked;
    }

    private static ChannelTotals totals(Map<String, ChannelTotals> totals, String channel) {
        return totals.getOrDefault(channel, ChannelTotals.empty(channel));
    }

    private static boolean isReachable(ConsideredChannel channel) {
        return channel.reachableMembers() > 0;
    }

    private static RuntimeException noContacts(List<String> candidates) {
        return Problem.of(409, "no-channel-data", "No channel data")
                .detail("None of the candidate channels (" + String.join(", ", candidates) + ") has a recorded"
                        + " contact, so there is no conversion rate to compare. Import contact events for these"
                        + " channels, or pass candidates that have contacts.")
                .toException();
    }
}
