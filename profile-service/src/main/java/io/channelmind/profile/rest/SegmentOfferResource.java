package io.channelmind.profile.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.offer.OfferService;
import io.channelmind.profile.service.SegmentService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/**
 * Next best offers for the members of a segment as a whole. The class path is more specific than
 * the segment resource's, so JAX-RS routes {@code /api/v1/segments/{name}/offers} here.
 */
@Path("/api/v1/segments/{name}/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers")
public class SegmentOfferResource {

    private final OfferService offers;
    private final SegmentService segments;

    public SegmentOfferResource(OfferService offers, SegmentService segments) {
        this.offers = offers;
        this.segments = segments;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "Rank the offer catalogue for a segment's members as a whole",
            description = """
                    Ranks the offers for each of the first """ + OfferService.MAX_SEGMENT_MEMBERS + """
                     members (in key order) as GET /api/v1/profiles/{profileKey}/offers does, then scores each \
                    offer by the mean of its member scores over every member read, where a member who may not \
                    receive it adds 0, so the score weighs both fit and reach. eligibleMembers counts the members \
                    who may receive it. explain=true lists the offers that no member may receive, with how many \
                    members each rule excluded. Reasons in en or zh-CN (lang, else Accept-Language).""")
    @APIResponse(responseCode = "200", description = "The offers of the segment, best first")
    @APIResponse(responseCode = "400", description = "Invalid kind, limit, explain or lang",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No segment has the name",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<SegmentOfferListView> offers(
            @Parameter(description = "Segment name") @PathParam("name") String name,
            @Parameter(description = "Only offers of this kind: product, promotion, financial or course")
            @QueryParam("kind") String offerKind,
            @Parameter(description = "Offers to return, 1 to " + OfferQuery.MAX_LIMIT + ", default "
                    + OfferQuery.DEFAULT_LIMIT, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "true to list the offers that no member may receive",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("explain") String explain,
            @Parameter(description = "Language of the reasons: en or zh-CN; overrides Accept-Language")
            @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OfferQuery.Parsed query = OfferQuery.parse(offerKind, limit, explain, lang, acceptLanguage);

        return segments.find(name)
                .map(found -> found.orElseThrow(() -> Problem.of(404, "segment-not-found", "Segment not found")
                        .detail("No segment is named '" + name + "'")
                        .error("name", name, "List the segments with GET /api/v1/segments")
                        .toException()))
                .chain(segment -> segments.size(name))
                .chain(segmentSize -> offers.forSegment(name, query.kind()).map(ranking -> SegmentOfferListView.from(
                        ranking, segmentSize, offers.labels(), query.limit(), query.explain(), query.language())));
    }
}
