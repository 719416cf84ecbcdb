package io.channelmind.automation.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.channelmind.automation.domain.Brief;
import io.channelmind.security.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;

/** REST client of content-service's copy API. */
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterRestClient(configKey = "content-service")
@Path("/api/v1/copy")
public interface ContentClient {

    @POST
    Uni<Copy> generate(CopyRequest request);

    /** Lists the stored variants of a content campaign on one channel, oldest first; a null segment means every segment. */
    @GET
    Uni<List<Variant>> variants(@QueryParam("campaign") String campaign, @QueryParam("segment") String segment,
            @QueryParam("channel") String channel);

    /** A copy request. {@code audience.features} contains aggregate numbers only, never personal data. */
    record CopyRequest(String campaign, String segment, String channel, String locale, Brief brief,
            Audience audience) {
    }

    record Audience(int size, Map<String, Object> features) {
    }

    /**
     * Generated copy. {@code subject} is null for channels without one, and {@code placeholders}
     * names the {@code {{name}}} markers in subject and body that the sender fills in. Warnings
     * are kept as received because their shape belongs to content-service.
     */
    record Copy(String copyId, String generator, String model, String channel, String locale, String subject,
            String body, List<String> placeholders, List<Object> warnings) {
    }

    /** A stored variant; only approved ones are sent. Other response fields are ignored. */
    record Variant(String copyId, String channel, String locale, String subject, String body, boolean approved) {
    }
}
