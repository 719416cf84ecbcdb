package io.channelmind.profile.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.Segment;
import io.channelmind.profile.domain.SegmentMember;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.channelmind.profile.messaging.MembershipPublisher;
import io.channelmind.profile.repository.ProfileRepository;
import io.channelmind.profile.repository.SegmentMemberRepository;
import io.channelmind.profile.repository.SegmentRepository;
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
        Segment segment = new Segment(name, rule, description, storedAsOf, Instant.now().truncatedTo(ChronoUnit.MICROS));

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
                    return evaluateFrom(compiled, "", 0)
                            .invoke(entries -> LOG.infof("Segment %s evaluated over all profiles: %d entries",
                                    name, entries))
                            .replaceWith(Optional.of(segment));
                });
    }

    /** Evaluates the segment for the profiles after {@code after}; returns the number of entries published. */
    private Uni<Long> evaluateFrom(CompiledSegment segment, String after, long entriesSoFar) {
        return Transactions.withRetry("Segment evaluation", () -> pool.withTransaction(connection -> profiles
                        .lockPage(connection, after, EVALUATION_PAGE)
                        .chain(drafts -> profiles.withChannels(connection, drafts)
                                .chain(page -> memberships.reevaluate(connection, List.of(segment), page))
                                .map(changes -> new Page(drafts, changes)))))
                .call(page -> publisher.publish(page.changes()))
                .chain(page -> {
                    long entries = entriesSoFar + page.changes().stream().filter(SegmentMembershipEvent::member).count();
                    if (page.drafts().size() < EVALUATION_PAGE) {
                        return Uni.createFrom().item(entries);
                    }
                    String last = page.drafts().get(page.drafts().size() - 1).profileKey();
                    return evaluateFrom(segment, last, entries);
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
