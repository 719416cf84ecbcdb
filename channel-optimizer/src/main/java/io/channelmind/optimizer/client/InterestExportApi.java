package io.channelmind.optimizer.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.channelmind.security.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;

/**
 * The interest export of profile-service, {@code GET /api/v1/profiles/interests}. The client is
 * built in {@link InterestExportClient} from {@link ProfileServiceConfig}, because its base URL is
 * optional. No bean injects the registered client, so no {@code quarkus.rest-client} URL is needed.
 */
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterRestClient(configKey = "profile-service")
@Path("/api/v1/profiles/interests")
@Produces(MediaType.APPLICATION_JSON)
public interface InterestExportApi {

    /** Returns the page of profiles whose keys follow {@code after}; null {@code after} starts at the first. */
    @GET
    Uni<InterestPage> page(@QueryParam("after") String after, @QueryParam("limit") int limit);
}
