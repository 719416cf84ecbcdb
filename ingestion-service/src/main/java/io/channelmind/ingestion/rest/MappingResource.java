package io.channelmind.ingestion.rest;

import java.util.Collection;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.service.MappingRegistry;
import io.channelmind.web.Problem;

/** The column mappings an import can use, with their full definitions. */
@Path("/api/v1/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mappings")
public class MappingResource {

    private final MappingRegistry registry;

    public MappingResource(MappingRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List column mappings", description = "Every mapping with its definition, sorted by name.")
    public Collection<MappingDefinition> list() {
        return registry.all();
    }

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
}
