package io.channelmind.ingestion.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.channelmind.ingestion.repository.TrackingSource;
import io.channelmind.ingestion.tracking.SourceService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;

/**
 * Tracking sources and their write keys. A key is returned only when it is created or rotated,
 * because the service stores only its hash. Only admins manage sources.
 */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking sources")
public class SourceResource {

    private final SourceService service;

    public SourceResource(SourceService service) {
        this.service = service;
    }

    /** Request body of a new source. */
    public record CreateSourceRequest(String name) {
    }

    /** A source and its plain write key, returned once. */
    public record IssuedKeyView(String name, String writeKey, Instant previousKeyValidUntil) {

        static IssuedKeyView of(SourceService.IssuedKey key) {
            return new IssuedKeyView(key.name(), key.writeKey(), key.previousKeyValidUntil());
        }
    }

    /** A source without its keys. */
    public record SourceView(String name, boolean active, Instant createdAt, Instant rotatedAt,
            Instant previousKeyValidUntil, Instant revokedAt) {

        static SourceView of(TrackingSource source) {
            Instant previousValidUntil = source.previousKeyExpiresAt() != null && source.revokedAt() == null
                    && source.previousKeyExpiresAt().isAfter(Instant.now()) ? source.previousKeyExpiresAt() : null;
            return new SourceView(source.name(), source.revokedAt() == null, source.createdAt(), source.rotatedAt(),
                    previousValidUntil, source.revokedAt());
        }
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a source", description = "Returns the new write key; it is shown only this once.")
    public Response create(CreateSourceRequest request) {
        if (request == null) {
            throw Problem.of(400, "invalid-source-name", "Invalid source name")
                    .detail("The request body needs a name, such as {\"name\": \"web-shop\"}")
                    .error("name", null, "Send {\"name\": \"web-shop\"}")
                    .toException();
        }
        SourceService.IssuedKey key = service.create(request.name());
        return Response.created(URI.create("/api/v1/sources/" + key.name())).entity(IssuedKeyView.of(key)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    @Operation(summary = "List sources", description = "Every source, revoked ones included, without keys.")
    public List<SourceView> list() {
        return service.list().stream().map(SourceView::of).toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("/{name}")
    @Operation(summary = "Get a source", description = "The source without its keys.")
    public SourceView get(@RestPath String name) {
        return SourceView.of(service.get(name));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{name}/rotate")
    @Operation(summary = "Rotate a write key", description = "Returns a new key; the previous key keeps working "
            + "until previousKeyValidUntil (ingestion.tracking.rotation-grace-period after the rotation).")
    public IssuedKeyView rotate(@RestPath String name) {
        return IssuedKeyView.of(service.rotate(name));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{name}")
    @Operation(summary = "Revoke a source", description = "Both of its keys stop working at once. The name stays taken.")
    public Response revoke(@RestPath String name) {
        service.revoke(name);
        return Response.noContent().build();
    }
}
