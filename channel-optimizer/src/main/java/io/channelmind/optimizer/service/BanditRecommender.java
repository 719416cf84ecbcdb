package io.channelmind.optimizer.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

import io.channelmind.optimizer.domain.BanditRecommendation;
import io.channelmind.optimizer.domain.BetaPrior;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.ScoredChannel;
import io.channelmind.optimizer.model.ResponseModel;

/**
 * Picks a channel for a profile or a segment by Thompson sampling over Beta posteriors.
 *
 * <p>Each candidate's prior is centred on the predicted response: the response model's mean
 * prediction over the audience, or, for a channel the model does not cover, the channel's
 * pooled posterior mean over all profiles (see {@link ChannelRecommender}). The prior weighs
 * {@link #PRIOR_CONTACTS} contacts, and the audience's own contacts and conversions on the
 * channel update it. One rate is drawn from each posterior and the highest wins. Before that,
 * with probability {@code explorationShare}, a candidate drawn uniformly at random wins
 * instead, so every channel keeps at least {@code explorationShare / candidates} of the
 * recommendations. All draws come from one seeded generator (Well19937c), in a fixed order.
 */
@ApplicationScoped
public class BanditRecommender {

    /** Weight of the predicted response in the prior, in contacts. */
    public static final double PRIOR_CONTACTS = 10.0;

    /** Returns the recommendation; the candidates must not be empty. */
    public BanditRecommendation recommend(BanditInput input) {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(input.seed()));
        boolean explore = random.nextDouble() < input.explorationShare();
        int exploredIndex = random.nextInt(input.candidates().size());

        BetaPrior pooled = pooledPrior(input);
        List<ScoredChannel> scored = new ArrayList<>();
        for (String channel : input.candidates()) {
            scored.add(score(input, channel, pooled, random));
        }
        ScoredChannel winner = explore
                ? scored.get(exploredIndex)
                : scored.stream().max(Comparator.comparingDouble(ScoredChannel::sampledRate)).orElseThrow();
        scored.sort(Comparator.comparingDouble(ScoredChannel::sampledRate).reversed());

        BanditReason reason = new BanditReason(input, winner, explore);
        Long modelVersion = input.model() == null ? null : input.model().version();
        return new BanditRecommendation(input.profileKey(), input.segment(), winner.channel(),
                explore ? BanditRecommendation.EXPLORE : BanditRecommendation.EXPLOIT,
                reason.english(), reason.chinese(), input.explorationShare(), input.seed(), modelVersion,
                input.referenceBasis(), scored);
    }

    private static ScoredChannel score(BanditInput input, String channel, BetaPrior pooled,
            RandomDataGenerator random) {
        ResponseModel model = input.model() == null ? null : input.model().model();
        boolean modelled = model != null && model.knowsChannel(channel);
        double predicted;
        if (modelled) {
            predicted = input.audienceFeatures().stream()
                    .mapToDouble(features -> model.probability(features, channel))
                    .average()
                    .orElseGet(() -> model.probability(Map.of(), channel));
        } else {
            ChannelTotals all = totals(input.allProfiles(), channel);
            predicted = pooled.posteriorMean(all.conversions(), BetaPrior.trials(all.contacts(), all.conversions()));
        }

        ChannelTotals own = totals(input.audienceTotals(), channel);
        long trials = BetaPrior.trials(own.contacts(), own.conversions());
        // Keep both shape parameters positive even for a prediction of exactly 0 or 1.
        double clipped = Math.min(1 - 1e-6, Math.max(1e-6, predicted));
        double alpha = clipped * PRIOR_CONTACTS + own.conversions();
        double beta = (1 - clipped) * PRIOR_CONTACTS + (trials - own.conversions());
        double sampled = random.nextBeta(alpha, beta);

        ChannelTotals reference = totals(input.referenceTotals(), channel);
        Double referenceRate = reference.contacts() == 0 ? null : (double) reference.conversions() / reference.contacts();
        return new ScoredChannel(channel, predicted,
                modelled ? ScoredChannel.SOURCE_MODEL : ScoredChannel.SOURCE_HISTORY,
                own.contacts(), own.conversions(), alpha / (alpha + beta), sampled, referenceRate);
    }

    private static BetaPrior pooledPrior(BanditInput input) {
        long conversions = 0;
        long trials = 0;
        for (String channel : input.candidates()) {
            ChannelTotals totals = totals(input.allProfiles(), channel);
            conversions += totals.conversions();
            trials += BetaPrior.trials(totals.contacts(), totals.conversions());
        }
        return BetaPrior.pooled(conversions, trials);
    }

    private static ChannelTotals totals(Map<String, ChannelTotals> totals, String channel) {
        return totals.getOrDefault(channel, ChannelTotals.empty(channel));
    }
}
