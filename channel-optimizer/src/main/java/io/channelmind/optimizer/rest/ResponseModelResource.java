package io.channelmind.optimizer.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.model.StoredResponseModel;
import io.channelmind.optimizer.model.TrainingSettings;
import io.channelmind.optimizer.service.ResponseModelService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Response model versions: train on demand, list with their evaluations. */
@Path("/api/v1/response-models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Response models")
public class ResponseModelResource {

    private final ResponseModelService models;

    public ResponseModelResource(ResponseModelService models) {
        this.models = models;
    }

    /** Body of a training request; every field is optional. */
    public record TrainingRequest(
            @Schema(description = "L2 penalty on every coefficient but the intercept; default 1.0", nullable = true)
            Double l2,
            @Schema(description = "Share of the newest rows held out for evaluation, above 0 and at most 0.5;"
                    + " default 0.2", nullable = true) Double holdoutShare,
            @Schema(description = "Profile traits the bias report groups by, besides the age band", nullable = true)
            List<String> sensitiveAttributes) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Train a new response model version",
            description = """
                    Fits an L2-penalised logistic regression that predicts whether a profile converts when \
                    contacted on a channel, from the traits of its identify events (never contact points, \
                    identifiers or a 'duration' trait) and the channel, with channel interactions so the best \
                    channel can differ between profiles. One row per identified profile and channel it has a \
                    contact or conversion on; the row converted when the profile has a conversion there. Rows \
                    are ordered by when the profile was first identified; the newest holdoutShare is held out. \
                    The evaluation (precision, recall, F1, AUC, Brier score and calibration table on the \
                    holdout, next to the baseline that always recommends the channel with the best training \
                    rate) and the bias report (recommendation and predicted-response rates by age band and by \
                    each sensitive attribute, with the disparity ratio to the best-treated group, flagged below \
                    0.8) are stored with the version. The served model is refitted on all rows.""")
    @APIResponse(responseCode = "201", description = "The new version with its evaluation and bias report")
    @APIResponse(responseCode = "400", description = "An invalid setting, named with its value and fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Too little history: fewer than 20 training rows, or no"
            + " conversion or no non-conversion (problem type not-enough-history)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> train(TrainingRequest body,
            @Parameter(description = "Sensitive attributes, comma-separated; added to the body's list")
            @QueryParam("sensitive") List<String> sensitive) {
        TrainingSettings settings = settings(body, QueryParameters.list("sensitive", sensitive, "marital,job"));
        return models.train(settings).map(stored -> Response.status(201).entity(stored).build());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List response model versions with their evaluations and bias reports, newest first",
            description = "The fitted coefficients are left out; read one version for them.")
    public Uni<List<StoredResponseModel>> list() {
        return models.list();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{version}")
    @Operation(summary = "Read one response model version with its model, evaluation and bias report")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "400", description = "'version' is not a whole number",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such version (problem type response-model-not-found)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<StoredResponseModel> get(@PathParam("version") String version) {
        long number;
        try {
            number = Long.parseLong(version.trim());
        } catch (NumberFormatException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid path parameter")
                    .detail("The version '" + version + "' is not a whole number")
                    .error("version", version, "Pass a version number from GET /api/v1/response-models, for example 1")
                    .toException();
        }
        return models.find(number);
    }

    private static TrainingSettings settings(TrainingRequest body, List<String> sensitiveFromQuery) {
        TrainingRequest request = body == null ? new TrainingRequest(null, null, null) : body;
        Problem.Builder problem = Problem.of(400, "invalid-training-request", "Invalid training request");
        boolean invalid = false;

        double l2 = request.l2() == null ? TrainingSettings.DEFAULT_L2 : request.l2();
        if (!(l2 > 0.0) || Double.isInfinite(l2)) {
            problem.error("l2", String.valueOf(request.l2()), "Pass a positive number, for example 1.0");
            invalid = true;
        }
        double holdoutShare = request.holdoutShare() == null
                ? TrainingSettings.DEFAULT_HOLDOUT_SHARE
                : request.holdoutShare();
        if (!(holdoutShare > 0.0 && holdoutShare <= 0.5)) {
            problem.error("holdoutShare", String.valueOf(request.holdoutShare()),
                    "Pass a share above 0 and at most 0.5, for example 0.2");
            invalid = true;
        }
        Set<String> sensitive = new LinkedHashSet<>();
        List<String> fromBody = request.sensitiveAttributes() == null ? List.of() : request.sensitiveAttributes();
        for (int i = 0; i < fromBody.size(); i++) {
            String name = fromBody.get(i);
            if (name == null || name.isBlank()) {
                problem.error("sensitiveAttributes[" + i + "]", name, "Name a profile trait, for example \"marital\"");
                invalid = true;
            } else {
                sensitive.add(name.trim());
            }
        }
        sensitive.addAll(sensitiveFromQuery);
        if (invalid) {
            throw problem.detail("The training settings have invalid fields; fix them or leave them out for the"
                    + " defaults").toException();
        }
        return new TrainingSettings(l2, holdoutShare, List.copyOf(sensitive));
    }
}
