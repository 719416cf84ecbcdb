package io.channelmind.content.rest;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.channelmind.content.domain.FineTuningJobRecord;
import io.channelmind.content.service.FineTuningService;
import io.channelmind.security.Roles;
import io.smallrye.mutiny.Uni;

/** Submits the fine-tuning data set to the configured model endpoint and tracks the jobs. */
@Path("/api/v1/copy/fine-tuning-jobs")
@Tag(name = "variants")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FineTuningJobResource {

    private final FineTuningService service;

    public FineTuningJobResource(FineTuningService service) {
        this.service = service;
    }

    /** The optional settings of a fine-tuning job. */
    public record FineTuningJobRequest(
            @Schema(nullable = true, description = "Model to tune; default channelmind.content.fine-tuning.base-model, "
                    + "else the configured chat model") String baseModel,
            @Schema(nullable = true, description = "Suffix of the tuned model's name, 1 to 64 letters, digits, '-' or '_'; "
                    + "default channelmind") String suffix) {
    }

    /**
     * A fine-tuning job as content-service stored it.
     *
     * @param id the endpoint's job id
     * @param status {@code validating_files}, {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
     * @param fineTunedModel the tuned model's name once the job succeeded, else null
     * @param examples JSONL lines of the uploaded training file
     */
    public record FineTuningJobView(String id, String status, String baseModel, String fineTunedModel, String suffix,
            String trainingFileId, int examples, Instant createdAt, Instant updatedAt) {

        static FineTuningJobView of(FineTuningJobRecord job) {
            return new FineTuningJobView(job.id, job.status, job.baseModel, job.fineTunedModel, job.suffix, job.trainingFileId,
                    job.examples, job.createdAt, job.updatedAt);
        }
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Operation(summary = "Upload the fine-tuning data set and create a fine-tuning job",
            description = "Exports the approved and winning copies as in GET /api/v1/copy/fine-tuning-data, uploads them "
                    + "to POST /files (purpose fine-tune) of the OpenAI-compatible endpoint in OPENAI_BASE_URL and creates "
                    + "a job with POST /fine_tuning/jobs. The body is optional. Once the job has succeeded, select the "
                    + "tuned model with PUT /api/v1/copy/model-choices, or with channelmind.content.brands.<brand>.model or "
                    + "channelmind.content.channels.<channel>.model.")
    @APIResponse(responseCode = "201", description = "The stored job with the endpoint's status")
    @APIResponse(responseCode = "400", description = "Invalid baseModel or suffix, as problem details naming each field")
    @APIResponse(responseCode = "409", description = "No model endpoint is configured (OPENAI_BASE_URL is unset)")
    @APIResponse(responseCode = "422", description = "No copy is approved or a winner, so there is no data to tune on")
    @APIResponse(responseCode = "502", description = "The endpoint rejected the upload or the job")
    public Uni<RestResponse<FineTuningJobView>> submit(FineTuningJobRequest request) {
        String baseModel = request == null ? null : request.baseModel();
        String suffix = request == null ? null : request.suffix();
        return service.submit(baseModel, suffix)
                .map(job -> RestResponse.ResponseBuilder
                        .<FineTuningJobView>created(URI.create("/api/v1/copy/fine-tuning-jobs/" + job.id))
                        .entity(FineTuningJobView.of(job))
                        .build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{jobId}")
    @Operation(summary = "Read a fine-tuning job's status from the endpoint and store it",
            description = "Calls GET /fine_tuning/jobs/{jobId} of the endpoint and stores the status, and the tuned "
                    + "model's name once the job has succeeded.")
    @APIResponse(responseCode = "200", description = "The job with its current status")
    @APIResponse(responseCode = "404", description = "content-service submitted no job with this id")
    @APIResponse(responseCode = "409", description = "No model endpoint is configured (OPENAI_BASE_URL is unset)")
    @APIResponse(responseCode = "502", description = "The endpoint failed to return the job")
    public Uni<FineTuningJobView> get(@PathParam("jobId") String jobId) {
        return service.refresh(jobId).map(FineTuningJobView::of);
    }
}
