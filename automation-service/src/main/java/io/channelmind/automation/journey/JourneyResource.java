package io.channelmind.automation.journey;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import io.channelmind.security.Roles;
import io.channelmind.web.Problem;

/**
 * Journeys: CRUD, validation, pause, resume and cancel, per-step statistics and per-recipient
 * history. Runs on worker threads (JDBC).
 */
@Path("/api/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "journeys")
public class JourneyResource {

    private final JourneyStore journeys;
    private final JourneyHistory history;

    public JourneyResource(JourneyStore journeys, JourneyHistory history) {
        this.journeys = journeys;
        this.history = history;
    }

    /** A journey as the API returns it. */
    @Schema(description = "A stored journey; status is active, paused or cancelled")
    public record JourneyView(UUID id, String name, String status, JourneyDefinition definition, Instant createdAt,
            Instant updatedAt) {

        static JourneyView of(JourneyStore.StoredJourney journey) {
            return new JourneyView(journey.id(), journey.definition().name(), journey.status(), journey.definition(),
                    journey.createdAt(), journey.updatedAt());
        }
    }

    /** The result of a successful validation. */
    @Schema(description = "The definition is valid")
    public record Validation(boolean valid, int steps) {
    }

    /** Counts of one step. */
    @Schema(description = "Outcome counts of one step: entered, completed (waits), sent, failed, skipped, unknown "
            + "(a send interrupted by a crash), true and false (conditions), branch-N (splits), exited, cancelled "
            + "(entries at this step when the journey was cancelled), and current (entries at this step now)")
    public record StepStats(String stepId, String type, Map<String, Long> counts) {
    }

    /** The result of a cancellation. */
    @Schema(description = "The cancelled journey and the number of entries the cancellation ended")
    public record Cancellation(UUID journeyId, String status,
            @Schema(description = "Entries that were active, waiting or deferred and are now exited with the reason "
                    + "journey cancelled; 0 when the journey was cancelled before") int endedEntries) {
    }

    @Schema(description = "Per-step statistics of a journey, in step order")
    public record JourneyStats(UUID journeyId, String status, List<StepStats> steps) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a journey", description = "Validates the definition and stores it active, so its trigger "
            + "starts letting profiles in at once. docs/journeys.md describes triggers, steps and re-entry rules.")
    @APIResponse(responseCode = "201", description = "Created; the Location header contains the journey URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JourneyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid definition, as problem details naming each invalid field and step")
    public Response create(JourneyDefinition definition) {
        JourneyValidator.requireValid(definition);
        JourneyStore.StoredJourney journey = journeys.create(definition);
        return Response.created(URI.create("/api/v1/journeys/" + journey.id())).entity(JourneyView.of(journey)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a journey definition without storing it")
    @APIResponse(responseCode = "200", description = "Valid")
    @APIResponse(responseCode = "400", description = "Invalid, as problem details naming each invalid field and step")
    public Validation validate(JourneyDefinition definition) {
        JourneyValidator.requireValid(definition);
        return new Validation(true, definition.steps().size());
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List journeys, oldest first")
    public List<JourneyView> list() {
        return journeys.list().stream().map(JourneyView::of).toList();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a journey")
    @APIResponse(responseCode = "200", description = "The journey")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    public JourneyView get(@PathParam("id") String id) {
        return JourneyView.of(find(id));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a journey's definition", description = "Entries in flight continue with the new steps. "
            + "A definition that drops a step where entries are waiting is rejected with 409.")
    @APIResponse(responseCode = "200", description = "The journey with the new definition")
    @APIResponse(responseCode = "400", description = "Invalid definition")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    @APIResponse(responseCode = "409", description = "Entries are at steps the new definition lacks, or the journey "
            + "was cancelled")
    public JourneyView update(@PathParam("id") String id, JourneyDefinition definition) {
        JourneyStore.StoredJourney journey = findNotCancelled(id, "changed");
        JourneyValidator.requireValid(definition);
        List<String> orphaned = journeys.update(journey.id(), definition);
        if (!orphaned.isEmpty()) {
            throw Problem.of(409, "journey-steps-in-use", "Steps in use")
                    .detail("Entries are at steps " + orphaned + ", which the new definition lacks; keep those steps "
                            + "or wait until the entries have moved on")
                    .error("steps", orphaned, "keep the steps that entries occupy")
                    .toException();
        }
        return JourneyView.of(find(id));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a journey with its entries and statistics")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    public Response delete(@PathParam("id") String id) {
        journeys.delete(find(id).id());
        return Response.noContent().build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a journey", description = "No profile enters and no entry moves on until it is resumed; "
            + "waits that end meanwhile continue at resume.")
    @APIResponse(responseCode = "200", description = "The paused journey")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    @APIResponse(responseCode = "409", description = "The journey was cancelled")
    public JourneyView pause(@PathParam("id") String id) {
        journeys.setStatus(findNotCancelled(id, "paused").id(), "paused");
        return JourneyView.of(find(id));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused journey")
    @APIResponse(responseCode = "200", description = "The active journey")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    @APIResponse(responseCode = "409", description = "The journey was cancelled")
    public JourneyView resume(@PathParam("id") String id) {
        journeys.setStatus(findNotCancelled(id, "resumed").id(), "active");
        return JourneyView.of(find(id));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a journey",
            description = "Final: no profile enters again and no entry moves on. Every entry that is active, waiting "
                    + "or deferred ends at once as exited with the reason journey cancelled, counted as cancelled on "
                    + "its step. A send that is under way when the request arrives finishes first. Cancelling a "
                    + "cancelled journey changes nothing.")
    @APIResponse(responseCode = "200", description = "Cancelled; the number of entries ended")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    public Cancellation cancel(@PathParam("id") String id) {
        JourneyStore.StoredJourney journey = find(id);
        int ended = journeys.cancel(journey.id());
        if (ended < 0) {
            throw notFound(id);
        }
        return new Cancellation(journey.id(), "cancelled", ended);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/stats")
    @Operation(summary = "Per-step statistics of a journey",
            description = "Per step, the counts of its outcomes since the journey was created: entered, completed"
                    + " (waits), deferred (sends moved out of quiet hours), sent, failed, skipped, unknown, true and"
                    + " false (conditions), branch-N (splits), exited and cancelled (entries the journey's cancellation"
                    + " ended at the step). current is the number of entries at the step"
                    + " now, and waiting the number of those inside a wait or a quiet-hours deferral.")
    @APIResponse(responseCode = "200", description = "Counts per step, in step order")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    public JourneyStats stats(@PathParam("id") String id) {
        JourneyStore.StoredJourney journey = find(id);
        Map<String, Map<String, Long>> counts = journeys.stepCounts(journey);
        List<StepStats> steps = journey.definition().steps().stream()
                .map(step -> new StepStats(step.id(), step.type(), counts.getOrDefault(step.id(), Map.of())))
                .toList();
        return new JourneyStats(journey.id(), journey.status(), steps);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{id}/recipients")
    @Operation(summary = "List a journey's recipients with their current step",
            description = "One row per entry of a profile into the journey, in entry order: the current step and "
                    + "status, or the step where a finished entry ended. Pages by entry id: pass next as after.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Invalid after, limit or status, as problem details naming it")
    @APIResponse(responseCode = "404", description = "No journey with this id")
    public RecipientViews.RecipientPage recipients(@PathParam("id") String id,
            @Parameter(description = "Entry id after which the page starts; default 0") @QueryParam("after") String after,
            @Parameter(description = "Entries per page, 1 to 1000; default 50") @QueryParam("limit") String limit,
            @Parameter(description = "Only entries with this status: active, waiting, deferred, completed or exited")
            @QueryParam("status") String status) {
        // The parameters are checked before the lookup, so an invalid one is named even for an unknown journey.
        int size = RecipientViews.limit(limit);
        long afterEntry = RecipientViews.after(after);
        String statusFilter = RecipientViews.status(status);
        JourneyStore.StoredJourney journey = find(id);
        List<JourneyHistory.Entry> entries = history.entries(journey.id(), afterEntry, size, statusFilter);
        Long next = entries.size() == size ? entries.get(entries.size() - 1).entryId() : null;
        return new RecipientViews.RecipientPage(journey.id(),
                entries.stream().map(entry -> RecipientViews.RecipientView.of(entry, journey.definition())).toList(), next);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @GET
    @Path("/{id}/recipients/{profileKey}")
    @Operation(summary = "Get one recipient's history in a journey",
            description = "Every entry of the profile into the journey, each with the steps it entered, its waits "
                    + "and quiet-hours deferrals, the conditions and branches it took, its sends with their current "
                    + "status, and how it ended (exited with the reason, or completed), with timestamps.")
    @APIResponse(responseCode = "200", description = "The profile's entries, oldest first")
    @APIResponse(responseCode = "404", description = "No journey with this id, or the profile never entered it")
    public RecipientViews.RecipientHistory recipient(@PathParam("id") String id,
            @PathParam("profileKey") String profileKey) {
        JourneyStore.StoredJourney journey = find(id);
        Map<JourneyHistory.Entry, List<JourneyHistory.Event>> entries = history.recipient(journey.id(), profileKey);
        if (entries.isEmpty()) {
            throw Problem.of(404, "journey-recipient-not-found", "Recipient not found")
                    .detail("The profile " + profileKey + " never entered journey " + journey.id()
                            + "; list its recipients with GET /api/v1/journeys/" + journey.id() + "/recipients")
                    .error("profileKey", profileKey, "use the profileKey of an entry of this journey")
                    .toException();
        }
        return RecipientViews.RecipientHistory.of(journey.id(), profileKey, entries);
    }

    /** Returns the journey, or throws 409 when it was cancelled and so cannot be {@code changed}. */
    private JourneyStore.StoredJourney findNotCancelled(String id, String change) {
        JourneyStore.StoredJourney journey = find(id);
        if (journey.status().equals("cancelled")) {
            throw Problem.of(409, "journey-cancelled", "Journey cancelled")
                    .detail("Journey " + id + " was cancelled and cannot be " + change
                            + "; create a new journey with POST /api/v1/journeys")
                    .error("id", id, "use a journey that is active or paused")
                    .toException();
        }
        return journey;
    }

    private JourneyStore.StoredJourney find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return journeys.find(uuid).orElseThrow(() -> notFound(id));
    }

    private static RuntimeException notFound(String id) {
        return Problem.of(404, "journey-not-found", "Journey not found")
                .detail("No journey has the id " + id + "; list journeys with GET /api/v1/journeys")
                .error("id", id, "use the id returned when the journey was created")
                .toException();
    }
}
