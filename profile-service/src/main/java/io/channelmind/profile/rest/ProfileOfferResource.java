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

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.offer.OfferService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Next best offers for one profile. The class path is more specific than the profile resource's,
 * so JAX-RS routes {@code /api/v1/profiles/{key}/offers} here.
 */
@Path("/api/v1/profiles/{profileKey}/offers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers")
public class ProfileOfferResource {

    /** The path segment that looks a profile up by the {@code identityKind} and {@code identityValue} query parameters. */
    static final String BY_IDENTITY = "by-identity";

    private final OfferService offers;

    public ProfileOfferResource(OfferService offers) {
        this.offers = offers;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "Rank the offer catalogue for a profile (next best offer)",
            description = """
                    The profile is found by key, following merges like GET /api/v1/profiles/{profileKey}, or, with \
                    the path segment 'by-identity', by the identityKind and identityValue query parameters, which \
                    take the kind and value of GET /api/v1/profiles/by-identity. Offers are filtered (withdrawn, outside their validity \
                    window, already bought, financial offers above the riskTolerance trait or without it, courses \
                    whose prerequisites are not bought or completed) and ranked by interest similarity plus \
                    category history, or by history and popularity for a profile without interest texts; \
                    'basis' says which. Each offer has a reason in en or zh-CN (lang, else Accept-Language). \
                    explain=true also lists the offers left out with the rule they failed. See docs/offers.md.""")
    @APIResponse(responseCode = "200", description = "The ranked offers, best first")
    @APIResponse(responseCode = "400", description = "Invalid kind, limit, explain, lang or identity",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No profile has the key or identity",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<OfferListView> offers(
            @Parameter(description = "Profile key, or 'by-identity' to look the profile up by identityKind and identityValue")
            @PathParam("profileKey") String profileKey,
            @Parameter(description = "With by-identity: profileKey, userId, anonymousId, email or phone")
            @QueryParam("identityKind") String identityKind,
            @Parameter(description = "With by-identity: the identity's value") @QueryParam("identityValue") String identityValue,
            @Parameter(description = "Only offers of this kind: product, promotion, financial or course")
            @QueryParam("kind") String offerKind,
            @Parameter(description = "Offers to return, 1 to " + OfferQuery.MAX_LIMIT + ", default "
                    + OfferQuery.DEFAULT_LIMIT, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "true to list the filtered-out offers with their reasons",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("explain") String explain,
            @Parameter(description = "Language of the reasons: en or zh-CN; overrides Accept-Language")
            @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OfferQuery.Parsed query = OfferQuery.parse(offerKind, limit, explain, lang, acceptLanguage);

        return find(profileKey, identityKind, identityValue)
                .chain(profile -> offers.forProfile(profile, query.kind()))
                .map(ranking -> OfferListView.from(ranking, offers.labels(), query.limit(), query.explain(),
                        query.language()));
    }

    /** Parses the identity as GET /api/v1/profiles/by-identity does, naming this endpoint's parameters in a problem. */
    private static Identity identity(String identityKind, String identityValue) {
        try {
            return IdentityQuery.parse(identityKind, identityValue);
        } catch (ProblemException e) {
            Problem.Builder problem = Problem.of(400, "invalid-identity", "Invalid identity").detail(e.problem().getDetail());
            for (Problem.FieldError error : e.problem().getErrors()) {
                problem.error(error.field().equals("kind") ? "identityKind" : "identityValue", error.value(), error.message());
            }
            throw problem.toException();
        }
    }

    private Uni<Profile> find(String profileKey, String identityKind, String identityValue) {
        if (BY_IDENTITY.equals(profileKey)) {
            return offers.profile(identity(identityKind, identityValue)).map(found -> found.orElseThrow(
                    () -> Problem.of(404, "profile-not-found", "Profile not found")
                            .detail("No profile has the " + identityKind + " identity")
                            .error("value", IdentityQuery.shown(identityKind, identityValue),
                                    "Check the value; identities come from the keys and identify traits of customer events")
                            .toException()));
        }
        return offers.profile(profileKey).map(found -> found.orElseThrow(
                () -> Problem.of(404, "profile-not-found", "Profile not found")
                        .detail("No profile has the key '" + profileKey + "'")
                        .error("profileKey", profileKey, "Check the key; profiles are created by customer events")
                        .toException()));
    }
}
