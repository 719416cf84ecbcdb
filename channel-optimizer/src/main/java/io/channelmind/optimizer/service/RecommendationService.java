package io.channelmind.optimizer.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.repository.ChannelStatsRepository;
import io.channelmind.optimizer.repository.SegmentMemberRepository;
import io.channelmind.optimizer.repository.SpendRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Loads the channel and segment totals and passes them to {@link ChannelRecommender}. */
@ApplicationScoped
public class RecommendationService {

    private static final Logger LOG = Logger.getLogger(RecommendationService.class);

    private final ChannelStatsRepository stats;
    private final SpendRepository spend;
    private final SegmentMemberRepository members;
    private final ChannelRecommender recommender;

    public RecommendationService(ChannelStatsRepository stats, SpendRepository spend, SegmentMemberRepository members,
            ChannelRecommender recommender) {
        this.stats = stats;
        this.spend = spend;
        this.members = members;
        this.recommender = recommender;
    }

    /**
     * Recommends a channel for the segment among the candidates (every known channel when empty).
     * A segment without known members raises a 404 problem, unless {@code allowFallback} lets
     * all profiles decide.
     */
    public Uni<ChannelRecommendation> recommend(String segment, List<String> candidates, boolean allowFallback) {
        return Panache.withSession(() -> load(segment, candidates))
                .invoke(input -> {
                    if (input.segmentMembers() == 0 && !allowFallback) {
                        throw Problem.of(404, "segment-not-found", "Segment not found")
                                .detail("Segment '" + segment + "' has no known members")
                                .error("segment", segment, "Check the name, or wait until profile-service has"
                                        + " published the segment's members; pass fallback=true to let all profiles"
                                        + " decide instead")
                                .toException();
                    }
                })
                .map(recommender::recommend)
                .invoke(result -> LOG.debugf("Recommended %s out of %d candidates for a segment of %d members (basis %s)",
                        result.channel(), result.considered().size(), result.segmentMembers(), result.basis()));
    }

    // One session runs one query at a time, so the queries are chained, not combined.
    private Uni<RecommendationInput> load(String segment, List<String> candidates) {
        return stats.allProfiles().chain(all -> spend.costByChannel().chain(costs -> members.countMembers(segment)
                .chain(memberCount -> stats.segmentMembers(segment).chain(segmentTotals -> stats.segmentDayParts(segment)
                        .map(dayParts -> new RecommendationInput(segment, candidates, all, knownChannels(all, costs),
                                memberCount, segmentTotals, dayParts))))));
    }

    private static SortedSet<String> knownChannels(Map<String, ChannelTotals> all, Map<String, BigDecimal> costs) {
        SortedSet<String> channels = new TreeSet<>(all.keySet());
        channels.addAll(costs.keySet());
        return channels;
    }
}
