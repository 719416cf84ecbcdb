package io.channelmind.optimizer.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.optimizer.domain.BanditRecommendation;
import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.model.StoredResponseModel;
import io.channelmind.optimizer.repository.ChannelStatsRepository;
import io.channelmind.optimizer.repository.ProfileTraitRepository;
import io.channelmind.optimizer.repository.ResponseModelRepository;
import io.channelmind.optimizer.repository.SegmentMemberRepository;
import io.channelmind.optimizer.repository.SpendRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Loads a profile's or a segment's data and passes it to {@link BanditRecommender}. */
@ApplicationScoped
public class BanditRecommendationService {

    private static final Logger LOG = Logger.getLogger(BanditRecommendationService.class);

    private final ChannelStatsRepository stats;
    private final SpendRepository spend;
    private final SegmentMemberRepository members;
    private final ProfileTraitRepository traits;
    private final ResponseModelRepository models;
    private final BanditRecommender recommender;

    public BanditRecommendationService(ChannelStatsRepository stats, SpendRepository spend,
            SegmentMemberRepository members, ProfileTraitRepository traits, ResponseModelRepository models,
            BanditRecommender recommender) {
        this.stats = stats;
        this.spend = spend;
        this.members = members;
        this.traits = traits;
        this.models = models;
        this.recommender = recommender;
    }

    /** Shared data of every bandit recommendation. */
    private record Context(Map<String, ChannelTotals> allProfiles, SortedSet<String> knownChannels,
            StoredResponseModel model) {
    }

    /**
     * Recommends a channel for one profile. With a segment that has members, the reason compares
     * the profile with the segment, otherwise with all profiles. {@code seed} null derives the seed
     * from the profile key and its number of contacts, so the recommendation changes after each new contact.
     */
    public Uni<BanditRecommendation> forProfile(String profileKey, String segment, List<String> candidates,
            double explorationShare, Long seed) {
        // One session runs one query at a time, so the queries are chained, not combined.
        return Panache.withSession(() -> traits.exists(profileKey).chain(exists -> {
            if (!exists) {
                throw Problem.of(404, "profile-not-found", "Profile not found")
                        .detail("No customer event has named the profile '" + profileKey + "'")
                        .error("profileKey", profileKey, "Check the key; profiles come from customer events")
                        .toException();
            }
            return context().chain(context -> traits.traits(profileKey)
                    .chain(features -> traits.profileChannels(profileKey)
                            .chain(own -> referenceTotals(segment, context)
                                    .chain(reference -> stats.profileDayParts(profileKey)
                                            .map(parts -> new BanditInput(profileKey, segment, List.of(features),
                                                    own, context.allProfiles(), reference.totals(),
                                                    reference.basis(), resolve(candidates, context), context.model(),
                                                    explorationShare,
                                                    seed != null ? seed : defaultSeed(profileKey, own), parts))))));
        })).map(this::recommend);
    }

    /**
     * Recommends a channel for a segment: the predicted response is the mean over its members and
     * the reason compares it with all profiles. Raises a 404 problem for a segment without members.
     */
    public Uni<BanditRecommendation> forSegment(String segment, List<String> candidates, double explorationShare,
            Long seed) {
        return Panache.withSession(() -> members.countMembers(segment).chain(count -> {
            if (count == 0) {
                throw Problem.of(404, "segment-not-found", "Segment not found")
                        .detail("Segment '" + segment + "' has no known members")
                        .error("segment", segment, "Check the name, or wait until profile-service has published"
                                + " the segment's members")
                        .toException();
            }
            return context().chain(context -> traits.segmentTraits(segment)
                    .chain(features -> stats.segmentMembers(segment)
                            .chain(own -> stats.segmentDayParts(segment)
                                    .map(parts -> new BanditInput(null, segment, features, own,
                                            context.allProfiles(), context.allProfiles(),
                                            ChannelRecommendation.BASIS_ALL_PROFILES, resolve(candidates, context),
                                            context.model(), explorationShare,
                                            seed != null ? seed : defaultSeed(segment, own), parts)))));
        })).map(this::recommend);
    }

    private BanditRecommendation recommend(BanditInput input) {
        BanditRecommendation result = recommender.recommend(input);
        LOG.debugf("Bandit recommended %s (%s) out of %d candidates, model version %s", result.channel(),
                result.decision(), result.considered().size(), result.modelVersion());
        return result;
    }

    private Uni<Context> context() {
        return stats.allProfiles().chain(all -> spend.costByChannel()
                .chain(costs -> models.latest().map(model -> new Context(all, knownChannels(all, costs, model),
                        model))));
    }

    private record Reference(Map<String, ChannelTotals> totals, String basis) {
    }

    private Uni<Reference> referenceTotals(String segment, Context context) {
        if (segment == null) {
            return Uni.createFrom().item(new Reference(context.allProfiles(), ChannelRecommendation.BASIS_ALL_PROFILES));
        }
        return members.countMembers(segment).chain(count -> count == 0
                ? Uni.createFrom().item(new Reference(context.allProfiles(), ChannelRecommendation.BASIS_ALL_PROFILES))
                : stats.segmentMembers(segment)
                        .map(totals -> new Reference(totals, ChannelRecommendation.BASIS_SEGMENT_MEMBERS)));
    }

    private static List<String> resolve(List<String> requested, Context context) {
        if (context.knownChannels().isEmpty()) {
            throw Problem.of(409, "no-channel-data", "No channel data")
                    .detail("No contact, conversion or spend event has been consumed and no response model has been"
                            + " trained, so there is no channel to recommend. Import customer events that name a"
                            + " channel and retry.")
                    .toException();
        }
        return ChannelRecommender.resolveCandidates(requested, context.knownChannels());
    }

    private static SortedSet<String> knownChannels(Map<String, ChannelTotals> all, Map<String, BigDecimal> costs,
            StoredResponseModel model) {
        SortedSet<String> channels = new TreeSet<>(all.keySet());
        channels.addAll(costs.keySet());
        if (model != null) {
            channels.addAll(model.model().encoder().channels());
        }
        return channels;
    }

    private static long defaultSeed(String key, Map<String, ChannelTotals> own) {
        long contacts = own.values().stream().mapToLong(ChannelTotals::contacts).sum();
        return 31L * key.hashCode() + contacts;
    }
}
