package io.channelmind.content.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
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

import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.service.CopyService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
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

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.SERVICE})
    @POST
    @Operation(summary = "Write one copy for a channel, audience and brief, and store it")
    @APIResponse(responseCode = "201", description = "The stored copy")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each field")
    @APIResponse(responseCode = "422", description = "The brand disclaimer does not fit the channel")
    public Uni<RestResponse<CopyView>> create(CopyRequest request) {
        if (request != null && request.variants() != null) {
            throw Problem.of(400, "invalid-copy-request", "Invalid copy request")
                    .detail("This endpoint writes one copy")
                    .error("variants", request.variants(), "Send requests with variants to POST /api/v1/copy/variants, "
                            + "or leave variants out")
                    .toException();
        }
        return service.create(validator.validate(request))
                .map(variant -> RestResponse.ResponseBuilder
                        .<CopyView>created(URI.create("/api/v1/copy/" + variant.id))
                        .entity(CopyView.of(variant))
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/variants")
    @Operation(summary = "Write several variants of one brief and store the distinct ones",
            description = "Takes the body of POST /api/v1/copy with variants, the number of variants (1 to 10, default 1). "
                    + "Each variant gets its number, so the model writes a different wording for each; every variant "
                    + "passes the channel rules and guardrails. A variant whose subject and body repeat an earlier one, "
                    + "ignoring case and spacing, is not stored and is listed in dropped. The template copywriter writes "
                    + "the same text for every number, so without a model one variant is produced.")
    @APIResponse(responseCode = "201", description = "requested, produced, dropped and the stored copies")
    @APIResponse(responseCode = "400", description = "Invalid request, as problem details naming each field")
    @APIResponse(responseCode = "422", description = "The brand disclaimer does not fit the channel")
    public Uni<RestResponse<VariantBatchView>> createVariants(CopyRequest request) {
        CopySpec spec = validator.validate(request);
        int count = request.variants() == null ? 1 : request.variants();
        return service.createVariants(spec, count)
                .map(batch -> RestResponse.status(RestResponse.Status.CREATED, VariantBatchView.of(batch)));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{copyId}")
    @Operation(summary = "Return a stored copy with the number of its deliveries")
    @APIResponse(responseCode = "200", description = "The copy with sends")
    @APIResponse(responseCode = "404", description = "No copy has this id")
    public Uni<CopyView> get(@PathParam("copyId") String copyId) {
        return service.find(copyId).map(CopyView::of);
    }
}
