package io.channelmind.optimizer.service;

import java.util.List;
import java.util.Locale;

import io.channelmind.optimizer.domain.BetaPrior;
import io.channelmind.optimizer.domain.ConsideredChannel;

/**
 * Writes the reason of a recommendation in one or two plain English sentences with the
 * numbers, for example "cellular converts 14.7% of contacts (3,853 of 26,144) against 5.2%
 * for telephone; 22,291 of 36,548 segment members were contacted on cellular."
 */
final class RecommendationReason {

    private final String segment;
    private final long segmentMembers;
    private final boolean segmentBasis;
    private final BetaPrior prior;

    RecommendationReason(String segment, long segmentMembers, boolean segmentBasis, BetaPrior prior) {
        this.segment = segment;
        this.segmentMembers = segmentMembers;
        this.segmentBasis = segmentBasis;
        this.prior = prior;
    }

    /** Explains why {@code winner} beats the other channels of {@code ranked} (best first). */
    String explain(ConsideredChannel winner, List<ConsideredChannel> ranked) {
        int winnerIndex = ranked.indexOf(winner);
        StringBuilder text = new StringBuilder(rateComparison(winner, ranked.subList(winnerIndex + 1, ranked.size())));
        if (segmentBasis) {
            text.append("; ").append(segmentReach(winner, ranked.subList(0, winnerIndex))).append('.');
        } else {
            text.append(". ").append(fallback(winner)).append('.');
        }
        return text.toString();
    }

    private String rateComparison(ConsideredChannel winner, List<ConsideredChannel> below) {
        String text = winner.channel() + " converts " + percent(rate(winner)) + " of contacts ("
                + count(winner.conversions()) + " of " + count(winner.contacts()) + ")";
        ConsideredChannel runnerUp = below.stream().filter(channel -> channel.contacts() > 0).findFirst().orElse(null);
        if (runnerUp == null) {
            return text;
        }
        text += " against " + percent(rate(runnerUp)) + " for " + runnerUp.channel();
        if (rate(runnerUp) > rate(winner)) {
            // The prior reversed the order of the observed rates, which a reader would take for a mistake.
            text += " (" + count(runnerUp.conversions()) + " of " + count(runnerUp.contacts())
                    + "), whose estimated rate (" + percent(runnerUp.posteriorMean())
                    + " against " + percent(winner.posteriorMean())
                    + ") is lower once both are pulled toward the pooled rate of " + percent(prior.mean());
        }
        return text;
    }

    private String segmentReach(ConsideredChannel winner, List<ConsideredChannel> aboveButUnreached) {
        long reached = winner.reachableMembers();
        String text = count(reached) + " of " + count(segmentMembers) + " segment members "
                + (reached == 1 ? "was" : "were") + " contacted on " + winner.channel();
        if (aboveButUnreached.isEmpty()) {
            return text;
        }
        List<String> names = aboveButUnreached.stream().map(ConsideredChannel::channel).toList();
        return text + ", while " + join(names) + (names.size() == 1 ? " scores" : " score")
                + " higher but reached no segment member";
    }

    private String fallback(ConsideredChannel winner) {
        String cause = segmentMembers == 0
                ? "Segment '" + segment + "' has no known members"
                : "None of the " + count(segmentMembers) + " members of segment '" + segment
                        + "' was contacted on a candidate channel";
        long reached = winner.reachableMembers();
        return cause + ", so the choice uses all profiles: " + count(reached)
                + (reached == 1 ? " profile was" : " profiles were") + " contacted on " + winner.channel();
    }

    private static double rate(ConsideredChannel channel) {
        return channel.contacts() == 0 ? 0.0 : (double) channel.conversions() / channel.contacts();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ENGLISH, "%.1f%%", fraction * 100.0);
    }

    private static String count(long number) {
        return String.format(Locale.ENGLISH, "%,d", number);
    }

    private static String join(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
