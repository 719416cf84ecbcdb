package io.channelmind.profile.privacy;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.rest.IdentityQuery;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.channelmind.web.privacy.PrivacyRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/privacy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy")
public class PrivacyResource {

    private final PrivacyService service;

    public PrivacyResource(PrivacyService service) {
        this.service = service;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Path("/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request an export of everything held about a person",
            description = "Finds the person's profile by any identity, stores profile-service's rows about them and "
                    + "asks every other service over cm.privacy-requests. Returns 202 with the request; read it with "
                    + "GET until status is completed, when 'data' contains every service's rows.")
    public Uni<Response> requestExport(PrivacyRequestBody body) {
        return create(PrivacyRequest.EXPORT, "exports", body);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/exports/{requestId}")
    @Operation(summary = "Read an export request, with the data of each service that has confirmed")
    public Uni<PrivacyRequestView> export(@PathParam("requestId") String requestId) {
        return find(PrivacyRequest.EXPORT, requestId);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request the erasure of a person from every service",
            description = "Finds the person's profile by any identity, deletes it with every row profile-service stores "
                    + "about the person, and asks every other service over cm.privacy-requests. Returns 202 with the "
                    + "request: status pending with the services still missing, completed when all have confirmed.")
    public Uni<Response> requestErasure(PrivacyRequestBody body) {
        return create(PrivacyRequest.ERASURE, "erasures", body);
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("/erasures/{requestId}")
    @Operation(summary = "Read an erasure request, with the rows each service deleted")
    public Uni<PrivacyRequestView> erasure(@PathParam("requestId") String requestId) {
        return find(PrivacyRequest.ERASURE, requestId);
    }

    private Uni<Response> create(String kind, String path, PrivacyRequestBody body) {
        if (body == null) {
            throw Problem.of(400, "invalid-identity", "Invalid identity")
                    .detail("The request body is missing")
                    .error("kind", null, "Send a JSON object with the identity's kind and value, "
                            + "for example {\"kind\": \"email\", \"value\": \"ann@example.com\"}")
                    .toException();
        }
        Identity identity = IdentityQuery.parse(body.kind(), body.value());
        return service.request(kind, body.kind(), identity, IdentityQuery.shown(body.kind(), body.value()))
                .map(request -> Response.accepted(PrivacyRequestView.from(request, service.services()))
                        .location(URI.create("/api/v1/privacy/" + path + "/" + request.requestId()))
                        .build());
    }

    private Uni<PrivacyRequestView> find(String kind, String requestId) {
        UUID id = parseId(requestId);
        return service.find(id).map(found -> found.filter(request -> request.kind().equals(kind))
                .map(request -> PrivacyRequestView.from(request, service.services()))
                .orElseThrow(() -> Problem.of(404, "privacy-request-not-found", "Privacy request not found")
                        .detail("No " + kind + " request has the id '" + requestId + "'")
                        .error("requestId", requestId, "Use the requestId that the POST returned; an erased person's "
                                + "export requests are deleted with them")
                        .toException()));
    }

    private static UUID parseId(String requestId) {
        try {
            return UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw Problem.of(400, "invalid-request-id", "Invalid request id")
                    .detail("The request id '" + requestId + "' is not a UUID")
                    .error("requestId", requestId, "Use the requestId that the POST returned")
                    .toException();
        }
    }
}
