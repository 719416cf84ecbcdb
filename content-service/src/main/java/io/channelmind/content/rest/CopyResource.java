package io.channelmind.content.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.channelmind.content.service.CopyService;
import io.smallrye.mutiny.Uni;

/** Generates channel-shaped marketing copy and returns stored copies. */
@Path("/api/v1/copy")
@Tag(name = "copy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CopyResource {

    private final CopyService service;
    private final CopyRequestValidator validator;

    public CopyResource(CopyService service, CopyRequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @POST
    @Operation(summary = "Write one copy for a channel, audience and brief, and store it")
    @APIResponse(responseCode = "201", description = "The stored copy")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each field")
    public Uni<RestResponse<CopyView>> create(CopyRequest request) {
        return service.create(validator.validate(request))
                .map(variant -> RestResponse.ResponseBuilder
                        .<CopyView>created(URI.create("/api/v1/copy/" + variant.id))
                        .entity(CopyView.of(variant))
                        .build());
    }

    @GET
    @Path("/{copyId}")
    @Operation(summary = "Return a stored copy with the number of its deliveries")
    @APIResponse(responseCode = "200", description = "The copy with sends")
    @APIResponse(responseCode = "404", description = "No copy has this id")
    public Uni<CopyView> get(@PathParam("copyId") String copyId) {
        return service.find(copyId).map(CopyView::of);
    }
}
