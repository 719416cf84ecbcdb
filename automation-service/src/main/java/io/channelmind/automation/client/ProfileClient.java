package io.channelmind.automation.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.channelmind.security.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;

/** REST client of profile-service's segment API. */
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterRestClient(configKey = "profile-service")
@Path("/api/v1/segments")
public interface ProfileClient {

    @GET
    @Path("/{name}")
    Uni<Segment> segment(@PathParam("name") String name);

    /** Returns one page of members ordered by profile key; a null {@code after} requests the first page. */
    @GET
    @Path("/{name}/members")
    Uni<MembersPage> members(@PathParam("name") String name, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    /** A segment and its current member count. */
    record Segment(String name, String rule, String description, Integer size) {
    }

    /** One page of members; {@code next} is null on the last page. */
    record MembersPage(String segment, List<Member> members, String next) {
    }

    /** A member with contact points and consent per channel; any field except the key may be null. */
    record Member(String profileKey, String email, String phone, String firstName, String locale, String timeZone,
            Map<String, Boolean> consent) {
    }
}
