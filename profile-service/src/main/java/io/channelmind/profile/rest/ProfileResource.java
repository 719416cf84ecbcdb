package io.channelmind.profile.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.service.ProfileService;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles")
public class ProfileResource {

    private static final int DEFAULT_LIMIT = 50;

    private final ProfileService profiles;

    public ProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Path("/{profileKey}")
    @Operation(summary = "Read one profile with its contact points, traits, counters and channels")
    public Uni<ProfileView> get(@PathParam("profileKey") String profileKey) {
        return profiles.find(profileKey).map(found -> found.map(ProfileView::from).orElseThrow(
                () -> Problem.of(404, "profile-not-found", "Profile not found")
                        .detail("No profile has the key '" + profileKey + "'")
                        .error("profileKey", profileKey, "Check the key; profiles are created by customer events")
                        .toException()));
    }

    @GET
    @Operation(summary = "List profiles in key order, with keyset paging",
            description = "Pass the 'next' value of a page as 'after' to read the following page; "
                    + "'next' is null on the last page. limit: 1 to 1000, default 50.")
    public Uni<ProfilePage> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit, DEFAULT_LIMIT);

        return profiles.page(PageLimit.after(after), pageSize + 1).map(found -> {
            boolean more = found.size() > pageSize;
            List<Profile> page = more ? found.subList(0, pageSize) : found;
            String next = more ? page.get(page.size() - 1).profileKey() : null;
            return new ProfilePage(page.stream().map(ProfileView::from).toList(), next);
        });
    }
}
