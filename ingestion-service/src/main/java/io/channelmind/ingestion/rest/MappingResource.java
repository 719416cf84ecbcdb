package io.channelmind.ingestion.rest;

import java.net.URI;
import java.util.Collection;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.service.MappingCatalog;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;

/** The column mappings an import can use, with their full definitions, and the registration of new ones. */
@Path("/api/v1/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mappings")
public class MappingResource {

    private final MappingCatalog registry;

    public MappingResource(MappingCatalog registry) {
        this.registry = registry;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "List column mappings", description = "Every mapping with its definition, sorted by name.")
    public Collection<MappingDefinition> list() {
        return registry.all();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{name}")
    @Operation(summary = "Get a column mapping")
    public MappingDefinition get(@RestPath String name) {
        return registry.find(name).orElseThrow(() -> Problem.of(404, "mapping-not-found", "Mapping not found")
                .detail("No column mapping is named '" + name + "'")
                .instance("/api/v1/mappings/" + name)
                .error("name", name, "Use one of: " + String.join(", ", registry.names()))
                .with("availableMappings", registry.names())
                .toException());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a column mapping", description = "Validates the mapping JSON (format in "
            + "docs/mappings.md) and stores it under its name: 201 when new, 200 when it replaced a registered one. "
            + "Built-in mappings cannot be replaced.")
    public Response register(@RestPath String name, String json) {
        boolean created = registry.register(name, json);
        MappingDefinition mapping = registry.find(name).orElseThrow();
        return created ? Response.created(URI.create("/api/v1/mappings/" + name)).entity(mapping).build()
                : Response.ok(mapping).build();
    }
}
