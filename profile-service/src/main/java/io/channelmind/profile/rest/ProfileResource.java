package io.channelmind.profile.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.AnchorSet;
import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestTag;
import io.channelmind.profile.repository.InterestRepository.StoredInterest;
import io.channelmind.profile.service.ChannelPriors;
import io.channelmind.profile.service.InterestService;
import io.channelmind.profile.service.ProfileService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles")
public class ProfileResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int DEFAULT_SIMILAR = 10;
    private static final int MAX_SIMILAR = 100;

    private final ProfileService profiles;
    private final ChannelPriors priors;
    private final InterestService interests;

    public ProfileResource(ProfileService profiles, ChannelPriors priors, InterestService interests) {
        this.profiles = profiles;
        this.priors = priors;
        this.interests = interests;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{profileKey}")
    @Operation(summary = "Read one profile with its contact points, traits, counters and channels",
            description = "A key that was merged into another profile returns the surviving profile, "
                    + "whose profileKey then differs from the requested one.")
    public Uni<ProfileView> get(@PathParam("profileKey") String profileKey) {
        return profiles.find(profileKey).chain(found -> view(found.orElseThrow(
                () -> notFound(profileKey))));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/by-identity")
    @Operation(summary = "Read the profile that owns an identity",
            description = "kind is profileKey, userId or anonymousId (value '<source name>:<id>', the profile key "
                    + "that tracking calls use), email or phone (value in clear text: it is normalised and hashed "
                    + "as identify traits are, and never stored in the identity table).")
    public Uni<ProfileView> byIdentity(@QueryParam("kind") String kind, @QueryParam("value") String value) {
        Identity identity = IdentityQuery.parse(kind, value);
        return profiles.findByIdentity(identity).chain(found -> view(found.orElseThrow(
                () -> Problem.of(404, "profile-not-found", "Profile not found")
                        .detail("No profile has the " + kind + " identity")
                        .error("value", IdentityQuery.shown(kind, value),
                                "Check the value; identities come from the keys and identify traits of customer events")
                        .toException())));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{profileKey}/consent")
    @Operation(summary = "Read a profile's consent per channel and its do-not-contact mark",
            description = "doNotContact is null when the profile may be contacted on channels it consented to; "
                    + "otherwise it has the reason (bounced, unsubscribed, complained) and when it was set.")
    public Uni<ProfileService.ConsentView> consent(@PathParam("profileKey") String profileKey) {
        return profiles.consent(profileKey).map(found -> found.orElseThrow(
                () -> notFound(profileKey)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{profileKey}/identities")
    @Operation(summary = "List a profile's identities and the merges into it",
            description = "email and phone identities are SHA-256 hashes of the normalised contact point. "
                    + "A merged key returns the identities of its surviving profile.")
    public Uni<IdentitiesView> identities(@PathParam("profileKey") String profileKey) {
        return get(profileKey).chain(profile -> profiles.identityHistory(profile.profileKey())
                .map(history -> IdentitiesView.from(profile.profileKey(), history)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "List profiles in key order, with keyset paging",
            description = "Pass the 'next' value of a page as 'after' to read the following page; "
                    + "'next' is null on the last page. limit: 1 to 1000, default 50.")
    public Uni<ProfilePage> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit, DEFAULT_LIMIT);

        return profiles.page(PageLimit.after(after), pageSize + 1).chain(found -> priors.populationRates().map(rates -> {
            boolean more = found.size() > pageSize;
            List<Profile> page = more ? found.subList(0, pageSize) : found;
            String next = more ? page.get(page.size() - 1).profileKey() : null;
            return new ProfilePage(page.stream().map(profile -> ProfileView.from(profile, rates, priors)).toList(), next);
        }));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{profileKey}/similar")
    @Operation(summary = "List the profiles whose interests are most similar to this one",
            description = "Ranks every other profile with an interest vector by cosine similarity to this "
                    + "profile's vector (an exact scan), most similar first. The list is empty while the profile "
                    + "has no interest texts. limit: 1 to " + MAX_SIMILAR + ", default " + DEFAULT_SIMILAR + ".")
    public Uni<SimilarProfilesView> similar(@PathParam("profileKey") String profileKey,
            @QueryParam("limit") String limit) {
        int size = PageLimit.parse(limit, DEFAULT_SIMILAR, MAX_SIMILAR);
        AnchorSet anchors = interests.encoder().anchors();
        return profiles.find(profileKey).chain(found -> {
            Profile profile = found.orElseThrow(() -> notFound(profileKey));
            return interests.similar(profile, size).map(similar -> new SimilarProfilesView(profile.profileKey(),
                    InterestTag.top(profile.interests(), anchors, InterestTag.TOP),
                    similar.stream().map(entry -> new SimilarProfilesView.SimilarProfile(entry.profile().profileKey(),
                            entry.similarity(),
                            InterestTag.top(entry.profile().interests(), anchors, InterestTag.TOP))).toList()));
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.SERVICE})
    @GET
    @Path("/interests")
    @Operation(summary = "List profile interest vectors in key order, with keyset paging",
            description = "Each vector has one share per label of 'labels', adding up to 1; only profiles with "
                    + "interest texts are listed. Pass 'next' as 'after' for the following page; 'next' is null "
                    + "on the last page. limit: 1 to 1000, default 50.")
    public Uni<InterestPage> interestPage(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit, DEFAULT_LIMIT);
        InterestEncoder encoder = interests.encoder();
        return interests.page(PageLimit.after(after), pageSize + 1).map(found -> {
            boolean more = found.size() > pageSize;
            List<StoredInterest> page = more ? found.subList(0, pageSize) : found;
            String next = more ? page.get(page.size() - 1).profileKey() : null;
            return new InterestPage(encoder.modelVersion(), encoder.anchors().labels(),
                    page.stream().map(stored -> new InterestPage.ProfileInterests(stored.profileKey(),
                            stored.interests().shares(), stored.interests().at())).toList(),
                    next);
        });
    }

    private static RuntimeException notFound(String profileKey) {
        return Problem.of(404, "profile-not-found", "Profile not found")
                .detail("No profile has the key '" + profileKey + "'")
                .error("profileKey", profileKey, "Check the key; profiles are created by customer events")
                .toException();
    }

    private Uni<ProfileView> view(Profile profile) {
        return priors.populationRates().map(rates -> ProfileView.from(profile, rates, priors));
    }
}
