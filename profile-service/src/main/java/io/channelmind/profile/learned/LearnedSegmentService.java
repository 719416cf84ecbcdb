package io.channelmind.profile.learned;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.profile.domain.Membership;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.channelmind.profile.service.ChannelPriors;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates and refreshes learned segmentations: reads every profile, clusters them (see
 * {@link Clustering}) and stores each cluster as a segment of kind {@code learned} named
 * {@code <segmentation>-<n>}, largest cluster first. Membership changes are stored in one
 * transaction and published on {@code cm.segment-membership} after it commits.
 *
 * NOTE: every profile and its feature row is held in memory during a refresh, an estimated 1 KB per
 * profile; page through a sample instead for populations far above a million profiles.
 */
@ApplicationScoped
public class LearnedSegmentService {

    private static final Logger LOG = Logger.getLogger(LearnedSegmentService.class);

    static final int PAGE = 500;
    private static final Comparator<Membership> ORDER =
            Comparator.comparing(Membership::segment).thenComparing(Membership::profileKey);
    /** The range of k tried when the request gives none. */
    public static final int K_MIN = 2;
    public static final int K_MAX = 8;

    private static final String INSERT = """
            insert into learned_segmentation (name, requested_k, seed, as_of, k, silhouette, features, profiles,
                                              created_at, refreshed_at)
            values ($1, $2, $3, $4, 0, null, '{}', 0, $5, $5) on conflict (name) do nothing""";

    private final Pool pool;
    private final ProfileRepository profiles;
    private final SegmentMemberRepository members;
    private final ChannelPriors priors;
    private final MembershipPublisher publisher;
    private final InterestEncoder encoder;
    private final Optional<Instant> defaultAsOf;

    public LearnedSegmentService(Pool pool, ProfileRepository profiles, SegmentMemberRepository members,
            ChannelPriors priors, MembershipPublisher publisher, InterestEncoder encoder,
            @ConfigProperty(name = "channelmind.profile.rule-as-of") Optional<Instant> defaultAsOf) {
        this.pool = pool;
        this.profiles = profiles;
        this.members = members;
        this.priors = priors;
        this.publisher = publisher;
        this.encoder = encoder;
        this.defaultAsOf = defaultAsOf;
    }

    /** Stores a new segmentation and clusters it; empty when the name is taken. */
    public Uni<Optional<LearnedSegmentation>> create(String name, Integer k, long seed, Instant asOf) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant storedAsOf = asOf == null ? null : asOf.truncatedTo(ChronoUnit.MICROS);
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {name, k, seed, utc(storedAsOf), utc(now)}))
                .chain(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<LearnedSegmentation>empty())
                        : refresh(name));
    }

    /** Clusters the profiles again with the segmentation's k and seed; empty for an unknown name. */
    public Uni<Optional<LearnedSegmentation>> refresh(String name) {
        return settings(name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<LearnedSegmentation>empty());
            }
            Settings settings = found.get();
            Instant at = settings.asOf() != null ? settings.asOf() : defaultAsOf.orElse(Instant.now());
            return allProfiles("", new ArrayList<>())
                    .chain(all -> priors.populationRates().map(population -> {
                        List<FeatureColumn> columns = ClusterFeatures.columns(at, priors, population);
                        InterestBlock interests = InterestBlock.of(all, encoder.anchors().labels());
                        Clustering.Result result = Clustering.cluster(ClusterFeatures.matrix(all, columns), columns,
                                interests, settings.requestedK(), K_MIN, K_MAX, settings.seed());
                        return new Computed(all, featureNames(columns, interests), result);
                    }))
                    .chain(computed -> pool.withTransaction(client -> store(client, name, computed)))
                    .call(changes -> publisher.publish(changes))
                    .invoke(changes -> LOG.infof("Learned segmentation %s refreshed: %d membership changes", name,
                            changes.size()))
                    .chain(() -> find(name));
        });
    }

    public Uni<Optional<LearnedSegmentation>> find(String name) {
        String sql = """
                select s.name, s.description, s.description_zh, count(m.profile_key) as size
                from segment s left join segment_member m on m.segment = s.name
                where s.kind = 'learned' and s.segmentation = $1 group by s.name order by s.name""";
        return settings(name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<LearnedSegmentation>empty());
            }
            return pool.preparedQuery(sql).execute(Tuple.of(name)).map(rows -> {
                List<LearnedSegmentation.ClusterView> clusters = new ArrayList<>();
                for (Row row : rows) {
                    clusters.add(new LearnedSegmentation.ClusterView(row.getString("name"), row.getLong("size"),
                            row.getString("description"), row.getString("description_zh")));
                }
                // Segment names sort "x-10" before "x-2", so order by the cluster number.
                clusters.sort((a, b) -> Integer.compare(number(a.segment()), number(b.segment())));
                return Optional.of(found.get().view(clusters));
            });
        });
    }

    public Uni<List<LearnedSegmentation>> list() {
        return pool.query("select name from learned_segmentation order by name").execute().chain(rows -> {
            List<String> names = new ArrayList<>();
            rows.forEach(row -> names.add(row.getString(0)));
            Uni<List<LearnedSegmentation>> all = Uni.createFrom().item(new ArrayList<>());
            for (String name : names) {
                all = all.chain(list -> find(name).map(found -> {
                    found.ifPresent(list::add);
                    return list;
                }));
            }
            return all;
        });
    }

    private record Computed(List<Profile> profiles, List<String> features, Clustering.Result result) {
    }

    /** Returns the column names, then {@link InterestBlock#FEATURE_NAME} when interests took part. */
    private static List<String> featureNames(List<FeatureColumn> columns, InterestBlock interests) {
        List<String> names = new ArrayList<>(columns.stream().map(FeatureColumn::name).toList());
        if (interests.present()) {
            names.add(InterestBlock.FEATURE_NAME);
        }
        return names;
    }

    private record Settings(String name, Integer requestedK, long seed, Instant asOf, int k, Double silhouette,
            List<String> features, long profiles, Instant createdAt, Instant refreshedAt) {

        LearnedSegmentation view(List<LearnedSegmentation.ClusterView> clusters) {
            return new LearnedSegmentation(name, requestedK, seed, asOf, k, silhouette, features, profiles, createdAt,
                    refreshedAt, List.copyOf(clusters));
        }
    }

    private Uni<Optional<Settings>> settings(String name) {
        return pool.preparedQuery("select * from learned_segmentation where name = $1").execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    Double silhouette = row.getDouble("silhouette");
                    return Optional.of(new Settings(row.getString("name"), row.getInteger("requested_k"),
                            row.getLong("seed"), instant(row, "as_of"), row.getInteger("k"), silhouette,
                            List.of(row.getArrayOfStrings("features")), row.getLong("profiles"),
                            instant(row, "created_at"), instant(row, "refreshed_at")));
                });
    }

    private Uni<List<Profile>> allProfiles(String after, List<Profile> soFar) {
        return profiles.page(pool, after, PAGE).chain(page -> {
            soFar.addAll(page);
            if (page.size() < PAGE) {
                return Uni.createFrom().item(soFar);
            }
            return allProfiles(page.get(page.size() - 1).profileKey(), soFar);
        });
    }

    /**
     * Writes the clusters as segments {@code <name>-1} to {@code <name>-k}, removes cluster
     * segments beyond k, and stores the membership changes. Returns the changes to publish.
     */
    private Uni<List<SegmentMembershipEvent>> store(SqlClient client, String name, Computed computed) {
        Clustering.Result result = computed.result();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> segmentNames = new ArrayList<>();
        Set<Membership> desired = new HashSet<>();
        List<Tuple> upserts = new ArrayList<>();
        for (int c = 0; c < result.clusters().size(); c++) {
            Clustering.Cluster cluster = result.clusters().get(c);
            String segment = name + "-" + (c + 1);
            segmentNames.add(segment);
            cluster.rows().forEach(row -> desired.add(new Membership(segment,
                    computed.profiles().get(row).profileKey())));
            upserts.add(Tuple.of(segment, cluster.describeEn(), cluster.describeZh(), name, utc(now)));
        }
        String upsert = """
                insert into segment (name, kind, rule, description, description_zh, segmentation, created_at)
                values ($1, 'learned', null, $2, $3, $4, $5)
                on conflict (name) do update set description = excluded.description,
                    description_zh = excluded.description_zh
                where segment.kind = 'learned' and segment.segmentation = excluded.segmentation""";
        // The row lock orders two refreshes of one segmentation, so each diffs against the other's result.
        Uni<Void> locked = client.preparedQuery("select 1 from learned_segmentation where name = $1 for update")
                .execute(Tuple.of(name)).replaceWithVoid();
        return locked
                .chain(() -> upserts.isEmpty() ? Uni.createFrom().voidItem()
                        : client.preparedQuery(upsert).executeBatch(upserts).replaceWithVoid())
                .chain(() -> client.preparedQuery("select name from segment where kind = 'learned' and segmentation = $1")
                        .execute(Tuple.of(name)))
                .chain(rows -> {
                    List<String> existing = new ArrayList<>();
                    rows.forEach(row -> existing.add(row.getString(0)));
                    List<String> conflicting = segmentNames.stream().filter(segment -> !existing.contains(segment)).toList();
                    if (!conflicting.isEmpty()) {
                        throw Problem.of(409, "segment-exists", "Segment name taken")
                                .detail("The learned segmentation '" + name + "' needs the segment names " + conflicting
                                        + ", which other segments already have")
                                .error("name", name, "Choose a segmentation name that no segment starts with")
                                .toException();
                    }
                    return client.preparedQuery("select segment, profile_key from segment_member where segment = any($1)")
                            .execute(Tuple.of((Object) existing.toArray(String[]::new)))
                            .map(current -> diff(current, desired, now))
                            .call(changes -> members.apply(client, changes))
                            .call(() -> client.preparedQuery("delete from segment where kind = 'learned' "
                                    + "and segmentation = $1 and not (name = any($2))")
                                    .execute(Tuple.of(name, segmentNames.toArray(String[]::new))))
                            .call(() -> client.preparedQuery("""
                                    update learned_segmentation set k = $2, silhouette = $3, features = $4,
                                        profiles = $5, refreshed_at = $6 where name = $1""")
                                    .execute(Tuple.from(new Object[] {name, result.k(),
                                        Double.isNaN(result.silhouette()) ? null : result.silhouette(),
                                        computed.features().toArray(String[]::new),
                                        (long) computed.profiles().size(), utc(now)})));
                });
    }

    private static List<SegmentMembershipEvent> diff(RowSet<Row> current,
            Set<Membership> desired, Instant at) {
        Set<Membership> stored = new HashSet<>();
        current.forEach(row -> stored.add(new Membership(row.getString(0), row.getString(1))));
        List<SegmentMembershipEvent> changes = new ArrayList<>();
        stored.stream().filter(membership -> !desired.contains(membership)).sorted(ORDER)
                .forEach(membership -> changes.add(SegmentMembershipEvent.of(membership.segment(),
                        membership.profileKey(), false, at)));
        desired.stream().filter(membership -> !stored.contains(membership)).sorted(ORDER)
                .forEach(membership -> changes.add(SegmentMembershipEvent.of(membership.segment(),
                        membership.profileKey(), true, at)));
        return changes;
    }

    private static int number(String segment) {
        return Integer.parseInt(segment.substring(segment.lastIndexOf('-') + 1));
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
