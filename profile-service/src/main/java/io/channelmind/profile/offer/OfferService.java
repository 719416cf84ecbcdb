package io.channelmind.profile.offer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.service.ProfileService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ranks the offer catalogue for one profile or for the members of a segment as a whole. Offers
 * stored without an embedding of the current model are embedded on read (the encoder caches
 * them), so a model change does not silently drop the interest term.
 */
@ApplicationScoped
public class OfferService {

    /**
     * The maximum number of members a segment ranking reads, the first in key order.
     * NOTE: a larger segment is ranked on this sample only; the response reports how many were read.
     */
    public static final int MAX_SEGMENT_MEMBERS = 2000;

    private final Pool pool;
    private final ProfileService profiles;
    private final OfferRepository offers;
    private final OfferActivityRepository activity;
    private final CustomerFactsRepository facts;
    private final InterestEncoder encoder;
    private final Clock clock;

    public OfferService(Pool pool, ProfileService profiles, OfferRepository offers, OfferActivityRepository activity,
            CustomerFactsRepository facts, InterestEncoder encoder) {
        this.pool = pool;
        this.profiles = profiles;
        this.offers = offers;
        this.activity = activity;
        this.facts = facts;
        this.encoder = encoder;
        this.clock = Clock.systemUTC();
    }

    /** The ranking of one profile, with the facts it was made from; the profile key is the surviving one. */
    public record ProfileRanking(CustomerFacts facts, OfferRanking.Result result) {
    }

    /**
     * The offers of a segment. An offer's score is the mean of its member scores over every member
     * read, where a member who may not receive the offer adds 0, so it weighs both fit and reach.
     *
     * @param membersRead members ranked, at most {@link #MAX_SEGMENT_MEMBERS}
     * @param filtered offers that no member read may receive, with the count of members per filter
     */
    public record SegmentRanking(String segment, int membersRead, List<SegmentOffer> offers,
            List<SegmentFiltered> filtered) {
    }

    /** One offer of a segment ranking; {@code topLabel} is the most common top interest label among its members, or -1. */
    public record SegmentOffer(Offer offer, double score, int eligibleMembers, int topLabel) {
    }

    /** An offer that no member may receive, with how many members each filter excluded. */
    public record SegmentFiltered(Offer offer, Map<OfferFilter, Integer> members) {
    }

    /** Ranks the catalogue for a profile. */
    public Uni<ProfileRanking> forProfile(Profile profile, String kind) {
        return Uni.combine().all().unis(catalogue(), offers.buyers(pool),
                activity.of(pool, List.of(profile.profileKey()))).asTuple()
                .map(loaded -> {
                    CustomerFacts customer = CustomerFacts.of(profile.profileKey(),
                            profile.interests() == null ? null : profile.interests().values(), profile.traits(),
                            loaded.getItem3().getOrDefault(profile.profileKey(), List.of()));
                    OfferRanking.Result result = OfferRanking.rank(customer, loaded.getItem1(), loaded.getItem2(), kind,
                            now());
                    return new ProfileRanking(customer, result);
                });
    }

    /** Looks up a profile by key, following merges, as the other profile endpoints do. */
    public Uni<Optional<Profile>> profile(String profileKey) {
        return profiles.find(profileKey);
    }

    /** Looks up a profile by an identity. */
    public Uni<Optional<Profile>> profile(Identity identity) {
        return profiles.findByIdentity(identity);
    }

    /** Ranks the offers for the first {@link #MAX_SEGMENT_MEMBERS} members of the segment. */
    public Uni<SegmentRanking> forSegment(String segment, String kind) {
        return facts.memberKeys(pool, segment, MAX_SEGMENT_MEMBERS)
                .chain(keys -> keys.isEmpty() ? Uni.createFrom().item(List.<CustomerFacts>of()) : facts.facts(pool, keys))
                .chain(members -> Uni.combine().all().unis(catalogue(), offers.buyers(pool)).asTuple()
                        .map(loaded -> aggregate(segment, members, loaded.getItem1(), loaded.getItem2(), kind)));
    }

    private SegmentRanking aggregate(String segment, List<CustomerFacts> members, List<Offer> catalogue,
            Map<String, Long> buyers, String kind) {
        Instant now = now();
        Map<String, Double> sums = new HashMap<>();
        Map<String, Integer> eligible = new HashMap<>();
        Map<String, Map<Integer, Integer>> labels = new HashMap<>();
        Map<String, Map<OfferFilter, Integer>> excluded = new HashMap<>();
        for (CustomerFacts member : members) {
            OfferRanking.Result result = OfferRanking.rank(member, catalogue, buyers, kind, now);
            for (OfferRanking.Ranked entry : result.ranked()) {
                String id = entry.offer().offerId();
                sums.merge(id, entry.score(), Double::sum);
                eligible.merge(id, 1, Integer::sum);
                labels.computeIfAbsent(id, ignored -> new HashMap<>()).merge(entry.topLabel(), 1, Integer::sum);
            }
            for (OfferRanking.Filtered entry : result.filtered()) {
                excluded.computeIfAbsent(entry.offer().offerId(), ignored -> new LinkedHashMap<>())
                        .merge(entry.filter(), 1, Integer::sum);
            }
        }
        List<SegmentOffer> ranked = new ArrayList<>();
        List<SegmentFiltered> filtered = new ArrayList<>();
        for (Offer offer : catalogue) {
            String id = offer.offerId();
            if (eligible.containsKey(id)) {
                ranked.add(new SegmentOffer(offer, sums.get(id) / members.size(), eligible.get(id),
                        mostCommon(labels.get(id))));
            } else if (excluded.containsKey(id)) {
                filtered.add(new SegmentFiltered(offer, excluded.get(id)));
            }
        }
        ranked.sort(Comparator.comparingDouble(SegmentOffer::score).reversed()
                .thenComparing(entry -> entry.offer().offerId()));
        return new SegmentRanking(segment, members.size(), ranked, filtered);
    }

    /** Returns the interest labels by index, for reasons. */
    public List<String> labels() {
        return encoder.anchors().labels();
    }

    /** Loads the catalogue and embeds the offers stored without an embedding of the current model. */
    private Uni<List<Offer>> catalogue() {
        return offers.all(pool, encoder.modelVersion()).chain(all -> {
            List<String> stale = all.stream().filter(offer -> offer.embedding() == null).map(Offer::embeddingText).toList();
            if (stale.isEmpty()) {
                return Uni.createFrom().item(all);
            }
            return encoder.encodeOffEventLoop(stale).map(encoded -> all.stream()
                    .map(offer -> offer.embedding() == null ? offer.withEmbedding(encoded.get(offer.embeddingText())) : offer)
                    .toList());
        });
    }

    private Instant now() {
        return clock.instant();
    }

    /** Returns the label counted most often, the lower index on a tie, or -1 when there is none. */
    private static int mostCommon(Map<Integer, Integer> counts) {
        int best = -1;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
            int label = entry.getKey();
            int count = entry.getValue();
            if (label >= 0 && (count > bestCount || (count == bestCount && label < best))) {
                best = label;
                bestCount = count;
            }
        }
        return best;
    }
}
