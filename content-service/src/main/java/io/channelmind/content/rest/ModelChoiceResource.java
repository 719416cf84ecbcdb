package io.channelmind.content.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.channelmind.content.domain.StoredModelChoice;
import io.channelmind.content.service.ModelChoiceService;
import io.channelmind.security.Roles;
import io.smallrye.mutiny.Uni;

/** Chooses the model, such as a fine-tuned one, that writes the copy of a brand or channel. */
@Path("/api/v1/copy/model-choices")
@Tag(name = "variants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ModelChoiceResource {

    private final ModelChoiceService service;

    public ModelChoiceResource(ModelChoiceService service) {
        this.service = service;
    }

    /** The model for a brand, a channel, or a brand on one channel. */
    public record ModelChoiceRequest(
            @Schema(nullable = true, description = "A configured brand; leave out for every brand") String brand,
            @Schema(nullable = true, description = "A channel such as sms, email, weibo or google; leave out for every channel")
            String channel,
            @Schema(nullable = true, description = "The model name, such as ft:gpt-4o-mini-2024-07-18:acme::abc123; "
                    + "send this or fineTuningJobId") String model,
            @Schema(nullable = true, description = "The id of a succeeded fine-tuning job whose fine_tuned_model to use; "
                    + "send this or model") String fineTuningJobId) {
    }

    /**
     * A stored model choice.
     *
     * @param brand null for every brand
     * @param channel null for every channel
     * @param fineTuningJobId the job the model came from, or null when it was named directly
     */
    public record ModelChoiceView(String brand, String channel, String model, String fineTuningJobId, Instant updatedAt) {

        static ModelChoiceView of(StoredModelChoice choice) {
            return new ModelChoiceView(choice.brand(), choice.channel(), choice.model(), choice.fineTuningJobId(),
                    choice.updatedAt());
        }
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Operation(summary = "List the models chosen per brand and channel",
            description = "Choices made in configuration (channelmind.content.brands.<brand>.model and "
                    + "channelmind.content.channels.<channel>.model) are not listed.")
    @APIResponse(responseCode = "200", description = "Every stored choice, ordered by brand and channel")
    public Uni<List<ModelChoiceView>> list() {
        return service.list().map(choices -> choices.stream().map(ModelChoiceView::of).toList());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Operation(summary = "Choose the model of a brand, a channel, or a brand on one channel",
            description = "Replaces an earlier choice of the same brand and channel. Generation takes the first model that "
                    + "is set of: the choice for the brand on the copy's channel, the choice for the brand, the brand's "
                    + "configured model, the choice for the channel, the channel's configured model, and the configured "
                    + "chat model. Other replicas of the service read a change within "
                    + "channelmind.content.model-choices.refresh-interval (30 s by default).")
    @APIResponse(responseCode = "200", description = "The stored choice")
    @APIResponse(responseCode = "400", description = "Invalid brand, channel, model or fineTuningJobId, as problem details "
            + "naming each field")
    @APIResponse(responseCode = "409", description = "fineTuningJobId was sent, but no model endpoint is configured")
    @APIResponse(responseCode = "422", description = "The fine-tuning job has not succeeded")
    @APIResponse(responseCode = "502", description = "The endpoint failed to report the fine-tuning job")
    public Uni<ModelChoiceView> set(ModelChoiceRequest request) {
        ModelChoiceRequest body = request == null ? new ModelChoiceRequest(null, null, null, null) : request;
        return service.set(body.brand(), body.channel(), body.model(), body.fineTuningJobId()).map(ModelChoiceView::of);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Operation(summary = "Clear the model chosen for a brand and channel",
            description = "Copy of that brand and channel is then written by the next model in the order of PUT.")
    @APIResponse(responseCode = "204", description = "The choice was deleted")
    @APIResponse(responseCode = "400", description = "Neither brand nor channel was sent, or one is invalid")
    @APIResponse(responseCode = "404", description = "No model is chosen for this brand and channel")
    public Uni<RestResponse<Void>> clear(
            @Parameter(description = "The brand of the choice; leave out for a channel's choice") @QueryParam("brand") String brand,
            @Parameter(description = "The channel of the choice; leave out for a brand's choice") @QueryParam("channel")
            String channel) {
        return service.clear(brand, channel).map(ignored -> RestResponse.noContent());
    }
}
