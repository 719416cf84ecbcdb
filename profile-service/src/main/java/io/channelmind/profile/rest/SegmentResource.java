package io.channelmind.profile.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.domain.Segment;
import io.channelmind.profile.domain.SegmentEvaluation;
import io.channelmind.profile.domain.SegmentMember;
import io.channelmind.profile.domain.SegmentPreview;
import io.channelmind.profile.learned.LearnedSegmentService;
import io.channelmind.profile.learned.LearnedSegmentation;
import io.channelmind.profile.rule.InvalidRuleException;
import io.channelmind.profile.service.SegmentService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Segments")
public class SegmentResource {

    private static final int DEFAULT_MEMBER_LIMIT = 500;
    /** The path segment of the learned segments API, so no rule segment may have this name. */
    private static final String LEARNED = "learned";
    /** A segmentation of this name would make /learned/members ambiguous with /{name}/members. */
    private static final String MEMBERS = "members";

    private final SegmentService segments;
    private final LearnedSegmentService learned;

    public SegmentResource(SegmentService segments, LearnedSegmentService learned) {
        this.segments = segments;
        this.learned = learned;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a segment and evaluate it over all profiles",
            description = "Responds once every existing profile has been evaluated and the entries published "
                    + "to cm.segment-membership. The rule language is described in docs/segments.md.")
    public Uni<Response> create(@Valid @NotNull SegmentRequest request) {
        if (LEARNED.equals(request.name())) {
            throw Problem.of(400, "invalid-request", "Invalid request")
                    .detail("The segment name 'learned' is reserved for the learned segments API")
                    .error("name", request.name(), "Choose another name")
                    .toException();
        }
        Uni<Optional<Segment>> created;
        try {
            created = segments.create(request.name(), request.rule(), request.description(), request.asOf());
        } catch (InvalidRuleException e) {
            throw invalidRule(request.rule(), e);
        }
        return created
                .map(segment -> segment.orElseThrow(() -> Problem.of(409, "segment-exists", "Segment already exists")
                        .detail("A segment named '" + request.name() + "' already exists")
                        .error("name", request.name(), "Choose another name; segments cannot be replaced")
                        .toException()))
                .chain(segment -> segments.size(segment.name()).map(size -> Response
                        .created(URI.create("/api/v1/segments/" + segment.name()))
                        .entity(SegmentView.from(segment, size))
                        .build()));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the profiles a rule selects, with a sample of keys, without saving a segment",
            description = "Evaluates the rule over every profile at asOf (optional), else at the service's "
                    + "setting or the clock. sampleSize: 0 to 100, default 10; the sample is in key order.")
    public Uni<SegmentPreview> preview(@Valid @NotNull SegmentPreviewRequest request) {
        int sampleSize = request.sampleSize() == null ? SegmentPreviewRequest.DEFAULT_SAMPLE : request.sampleSize();
        try {
            return segments.preview(request.rule(), request.asOf(), sampleSize);
        } catch (InvalidRuleException e) {
            throw invalidRule(request.rule(), e);
        }
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{name}/evaluate")
    @Operation(summary = "Evaluate a segment again over all profiles",
            description = "Publishes an entry or exit on cm.segment-membership for each profile whose membership "
                    + "changes, and none for the others. Use it for rules that depend on time, such as event "
                    + "windows measured to the clock.")
    public Uni<SegmentEvaluation> evaluate(@PathParam("name") String name) {
        return segments.reevaluate(name).map(found -> found.orElseThrow(() -> segmentNotFound(name)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "List all segments with their member counts")
    public Uni<List<SegmentView>> list() {
        return segments.list().chain(all -> segments.sizes().map(sizes -> all.stream()
                .map(segment -> SegmentView.from(segment, sizes.getOrDefault(segment.name(), 0L)))
                .toList()));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
    @GET
    @Path("/{name}")
    @Operation(summary = "Read one segment with its member count")
    public Uni<SegmentView> get(@PathParam("name") String name) {
        return requireSegment(name).chain(segment -> segments.size(name).map(size -> SegmentView.from(segment, size)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
    @GET
    @Path("/{name}/members")
    @Operation(summary = "List a segment's members with contact points (internal API)",
            description = "Internal API for automation-service, which needs the contact points and consent "
                    + "of an audience to send to it. It returns personal data: do not expose it outside the "
                    + "cluster. Members come in profile key order; pass 'next' as 'after' for the following "
                    + "page, 'next' is null on the last page. limit: 1 to 1000, default 500.")
    public Uni<MemberPage> members(@PathParam("name") String name, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit, DEFAULT_MEMBER_LIMIT);

        return requireSegment(name)
                .chain(segment -> segments.members(name, PageLimit.after(after), pageSize + 1))
                .map(found -> {
                    boolean more = found.size() > pageSize;
                    List<SegmentMember> page = more ? found.subList(0, pageSize) : found;
                    String next = more ? page.get(page.size() - 1).profileKey() : null;
                    return new MemberPage(name, page, next);
                });
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/" + LEARNED)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a learned segmentation: cluster all profiles with k-means++",
            description = "Clusters every profile on standardised features (recency, frequency, monetary value, "
                    + "lifetime, preferred hour, per-channel open and click rates) and stores each cluster as a "
                    + "segment of kind 'learned' named <name>-1, <name>-2..., largest first, described in English "
                    + "and Chinese by its distinguishing traits. Without k the silhouette chooses k from 2 to 8. "
                    + "Entries are published on cm.segment-membership. See docs/segments.md.")
    public Uni<Response> createLearned(@Valid @NotNull LearnedSegmentRequest request) {
        if (MEMBERS.equals(request.name())) {
            throw Problem.of(400, "invalid-request", "Invalid request")
                    .detail("The segmentation name 'members' is reserved")
                    .error("name", request.name(), "Choose another name")
                    .toException();
        }
        long seed = request.seed() == null ? LearnedSegmentRequest.DEFAULT_SEED : request.seed();
        return learned.create(request.name(), request.k(), seed, request.asOf())
                .map(created -> created.orElseThrow(() -> Problem.of(409, "segment-exists",
                                "Learned segmentation already exists")
                        .detail("A learned segmentation named '" + request.name() + "' already exists")
                        .error("name", request.name(), "Refresh it with POST /api/v1/segments/learned/"
                                + request.name() + "/refresh, or choose another name")
                        .toException()))
                .map(segmentation -> Response.created(URI.create("/api/v1/segments/learned/" + segmentation.name()))
                        .entity(segmentation).build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/" + LEARNED + "/{name}/refresh")
    @Operation(summary = "Cluster the profiles again with the segmentation's k and seed",
            description = "Publishes an entry or exit on cm.segment-membership for each profile whose cluster "
                    + "changes. With the same profiles and seed the clusters stay the same.")
    public Uni<LearnedSegmentation> refreshLearned(@PathParam("name") String name) {
        return learned.refresh(name).map(found -> found.orElseThrow(() -> segmentationNotFound(name)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/" + LEARNED)
    @Operation(summary = "List the learned segmentations with their clusters")
    public Uni<List<LearnedSegmentation>> listLearned() {
        return learned.list();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/" + LEARNED + "/{name}")
    @Operation(summary = "Read one learned segmentation with its clusters, sizes and descriptions")
    public Uni<LearnedSegmentation> getLearned(@PathParam("name") String name) {
        return learned.find(name).map(found -> found.orElseThrow(() -> segmentationNotFound(name)));
    }

    private static ProblemException segmentationNotFound(String name) {
        return Problem.of(404, "segment-not-found", "Learned segmentation not found")
                .detail("No learned segmentation is named '" + name + "'")
                .error("name", name, "List them with GET /api/v1/segments/learned")
                .toException();
    }

    private Uni<Segment> requireSegment(String name) {
        return segments.find(name).map(found -> found.orElseThrow(() -> segmentNotFound(name)));
    }

    private static ProblemException segmentNotFound(String name) {
        return Problem.of(404, "segment-not-found", "Segment not found")
                .detail("No segment is named '" + name + "'")
                .error("name", name, "List the segments with GET /api/v1/segments")
                .toException();
    }

    private static ProblemException invalidRule(String rule, InvalidRuleException e) {
        return Problem.of(400, "invalid-rule", "Invalid segment rule")
                .detail(e.getMessage())
                .error("rule", rule, "Expected " + e.expected() + " at position " + e.position()
                        + "; see docs/segments.md for the rule language")
                .with("position", e.position())
                .with("token", e.token())
                .with("expected", e.expected())
                .toException();
    }
}
