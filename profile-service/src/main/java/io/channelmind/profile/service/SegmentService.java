package io.channelmind.profile.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.Segment;
import io.channelmind.profile.domain.SegmentEvaluation;
import io.channelmind.profile.domain.SegmentPreview;
import io.channelmind.profile.domain.SegmentMember;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.channelmind.profile.repository.SegmentRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creates segments, evaluates a new segment over all profiles, and reads segments and members.
 * Segment definitions go through Panache, and the evaluation and members through the SQL client.
 */
@ApplicationScoped
public class SegmentService {

    private static final Logger LOG = Logger.getLogger(SegmentService.class);

    /** Profiles evaluated and locked per transaction when a new segment is evaluated over all profiles. */
    static final int EVALUATION_PAGE = 500;

    private final Pool pool;
    private final SegmentRepository segments;
    private final SegmentMemberRepository segmentMembers;
    private final ProfileRepository profiles;
    private final SegmentCatalog catalog;
    private final MembershipService memberships;
    private final MembershipPublisher publisher;

    public SegmentService(Pool pool, SegmentRepository segments, SegmentMemberRepository segmentMembers,
            ProfileRepository profiles, SegmentCatalog catalog, MembershipService memberships,
            MembershipPublisher publisher) {
        this.pool = pool;
        this.segments = segments;
        this.segmentMembers = segmentMembers;
        this.profiles = profiles;
        this.catalog = catalog;
        this.memberships = memberships;
        this.publisher = publisher;
    }

    /**
     * Stores a new segment, evaluates it over every existing profile page by page and publishes
     * the entries. Returns the stored segment, or an empty optional when the name is taken.
     * Throws {@link io.channelmind.profile.rule.InvalidRuleException} for a rule that does not parse.
     *
     * NOTE: each page commits on its own. If a page fails, the segment keeps the members found so
     * far, and later events re-evaluate only the profiles they touch.
     */
    public Uni<Optional<Segment>> create(String name, String rule, String description, Instant asOf) {
        Instant storedAsOf = asOf == null ? null : asOf.truncatedTo(ChronoUnit.MICROS);
        CompiledSegment compiled = new CompiledSegment(name, catalog.compile(rule), storedAsOf);
        Segment segment = Segment.ofRule(name, rule, description, storedAsOf, Instant.now().truncatedTo(ChronoUnit.MICROS));

        // The advisory lock is transaction-scoped, so it is taken in the Panache transaction of the
        // insert and released only when the new segment has committed.
        return Transactions.withRetry("Segment creation", () -> Panache.withTransaction(() -> segments
                        .lockCatalogExclusive()
                        .chain(() -> segments.insertIfAbsent(segment))))
                .chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().item(Optional.<Segment>empty());
                    }
                    LOG.infof("Segment %s created; evaluating it over all profiles", name);
                    return evaluateFrom(compiled, "", Counts.NONE)
                            .invoke(counts -> LOG.infof("Segment %s evaluated over all profiles: %d entries",
                                    name, counts.entered()))
                            .replaceWith(Optional.of(segment));
                });
    }

    /**
     * Evaluates a stored segment again over every profile, page by page, and publishes the
     * entries and exits that change its members. Returns an empty optional for an unknown name.
     *
     * TODO: rules over columns only could run as one set-based SQL statement; every rule is
     * evaluated in Java page by page today.
     */
    public Uni<Optional<SegmentEvaluation>> reevaluate(String name) {
        return find(name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<SegmentEvaluation>empty());
            }
            Segment segment = found.get();
            if (segment.isLearned()) {
                throw Problem.of(409, "learned-segment", "Learned segments have no rule")
                        .detail("Segment '" + name + "' is a cluster of a learned segmentation; only a refresh "
                                + "changes its members")
                        .error("name", name, "Refresh the segmentation with POST /api/v1/segments/learned/"
                                + segment.name().substring(0, segment.name().lastIndexOf('-')) + "/refresh")
                        .toException();
            }
            CompiledSegment compiled = new CompiledSegment(name, catalog.compile(segment.rule()), segment.asOf());
            return evaluateFrom(compiled, "", Counts.NONE)
                    .invoke(counts -> LOG.infof("Segment %s evaluated again: %d entries, %d exits", name,
                            counts.entered(), counts.exited()))
                    .chain(counts -> size(name).map(size -> Optional.of(
                            new SegmentEvaluation(name, counts.entered(), counts.exited(), size))));
        });
    }

    /**
     * Counts the profiles that a rule selects at {@code asOf} (null for the default time) and
     * returns the first {@code sampleSize} keys in key order. Reads page by page without locks and
     * stores nothing. Throws {@link io.channelmind.profile.rule.InvalidRuleException} for a rule
     * that does not parse.
     *
     * NOTE: each page is read on its own, so a profile that changes during the preview is counted
     * with the state its page saw.
     */
    public Uni<SegmentPreview> preview(String rule, Instant asOf, int sampleSize) {
        CompiledSegment compiled = new CompiledSegment("preview", catalog.compile(rule), asOf);
        return previewFrom(compiled, "", new SegmentPreview(0, List.of()), sampleSize);
    }

    private Uni<SegmentPreview> previewFrom(CompiledSegment segment, String after, SegmentPreview soFar,
            int sampleSize) {
        return profiles.page(pool, after, EVALUATION_PAGE).chain(page -> memberships.matching(pool, segment, page)
                .chain(matching -> {
                    List<String> sample = new ArrayList<>(soFar.sample());
                    matching.stream().limit(Math.max(0, sampleSize - sample.size()))
                            .forEach(profile -> sample.add(profile.profileKey()));
                    SegmentPreview preview = new SegmentPreview(soFar.count() + matching.size(), List.copyOf(sample));
                    if (page.size() < EVALUATION_PAGE) {
                        return Uni.createFrom().item(preview);
                    }
                    return previewFrom(segment, page.get(page.size() - 1).profileKey(), preview, sampleSize);
                }));
    }

    /** Entries and exits published so far by an evaluation over all profiles. */
    private record Counts(long entered, long exited) {

        static final Counts NONE = new Counts(0, 0);

        Counts plus(List<SegmentMembershipEvent> changes) {
            long entries = changes.stream().filter(SegmentMembershipEvent::member).count();
            return new Counts(entered + entries, exited + changes.size() - entries);
        }
    }

    /** Evaluates the segment for the profiles after {@code after}; returns the entries and exits published. */
    private Uni<Counts> evaluateFrom(CompiledSegment segment, String after, Counts soFar) {
        return Transactions.withRetry("Segment evaluation", () -> pool.withTransaction(connection -> profiles
                        .lockPage(connection, after, EVALUATION_PAGE)
                        .chain(drafts -> profiles.withChannels(connection, drafts)
                                .chain(page -> memberships.reevaluate(connection, List.of(segment), page))
                                .map(changes -> new Page(drafts, changes)))))
                .call(page -> publisher.publish(page.changes()))
                .chain(page -> {
                    Counts counts = soFar.plus(page.changes());
                    if (page.drafts().size() < EVALUATION_PAGE) {
                        return Uni.createFrom().item(counts);
                    }
                    String last = page.drafts().get(page.drafts().size() - 1).profileKey();
                    return evaluateFrom(segment, last, counts);
                });
    }

    public Uni<List<Segment>> list() {
        return Panache.withSession(segments::listByName);
    }

    public Uni<Map<String, Long>> sizes() {
        return segmentMembers.sizes(pool);
    }

    public Uni<Optional<Segment>> find(String name) {
        return Panache.withSession(() -> segments.findByName(name));
    }

    public Uni<Long> size(String name) {
        return segmentMembers.size(pool, name);
    }

    public Uni<List<SegmentMember>> members(String segment, String after, int limit) {
        return segmentMembers.members(pool, segment, after, limit);
    }

    /** One evaluated page: the profiles it locked, in key order, and the membership changes. */
    private record Page(List<ProfileDraft> drafts, List<SegmentMembershipEvent> changes) {
    }
}
