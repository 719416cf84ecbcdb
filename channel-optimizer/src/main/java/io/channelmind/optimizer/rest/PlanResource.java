package io.channelmind.optimizer.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import io.channelmind.optimizer.allocation.AllocationRequest;
import io.channelmind.optimizer.allocation.ChannelAllocation;
import io.channelmind.optimizer.allocation.ChannelBudget;
import io.channelmind.optimizer.allocation.InvalidAllocationException;
import io.channelmind.optimizer.chart.AllocationChart;
import io.channelmind.optimizer.chart.ChartLanguage;
import io.channelmind.optimizer.chart.ResponseCurveChart;
import io.channelmind.optimizer.plan.PlanComparison;
import io.channelmind.optimizer.plan.PlanService;
import io.channelmind.optimizer.plan.StoredPlan;
import io.channelmind.optimizer.repository.PlanRepository;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Budget plans: create, read, compare and accept. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Budget plans")
public class PlanResource {

    private final PlanService plans;

    public PlanResource(PlanService plans) {
        this.plans = plans;
    }

    /** A plan request: an optional name and the allocation request. */
    /** Maximum length of a plan label, which comparisons and listings show. */
    static final int MAX_NAME_LENGTH = 200;

    public record CreatePlan(@Schema(nullable = true, description = "Label shown in comparisons") String name,
            @Schema(required = true) AllocationRequest allocation) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a budget plan",
            description = """
                    Splits totalBudget over the channels by their Hill response curves, \
                    maxResponse * s^shape / (s^shape + halfSaturation^shape). MAX_OUTCOME spends the whole \
                    budget for the largest expected outcome. TARGET_ROAS and TARGET_CPA spend the largest \
                    amount whose best split still meets the target, and warn when none does. Bounds are the \
                    tightest of minSpend/maxSpend and minRatio/maxRatio times currentSpend; a locked channel \
                    keeps its current spend, and a channel without a curve keeps its lower bound with a \
                    warning. The optimum is found on a grid of 1,000 budget units by dynamic programming \
                    (global, also for S-shaped curves) and refined by the Brent optimiser. Each channel gets \
                    its marginal ROI at the plan and the reason for its move; spend outside historyMinSpend \
                    to historyMaxSpend is warned about. The plan is stored as proposed.""")
    @APIResponse(responseCode = "201", description = "The stored plan")
    @APIResponse(responseCode = "400", description = "An invalid field, named with its value and fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> create(CreatePlan body) {
        if (body == null || body.allocation() == null) {
            throw Problem.of(400, "invalid-plan-request", "Invalid plan request")
                    .detail("The body needs an 'allocation' object")
                    .error("allocation", null, "Send {\"allocation\": {\"totalBudget\": 10000, \"channels\": [...]}}")
                    .toException();
        }
        if (body.name() != null && body.name().length() > MAX_NAME_LENGTH) {
            throw Problem.of(400, "invalid-plan-request", "Invalid plan request")
                    .detail("The name has " + body.name().length() + " characters, more than " + MAX_NAME_LENGTH)
                    .error("name", body.name().length() + " characters", "Shorten the name to at most " + MAX_NAME_LENGTH
                            + " characters")
                    .toException();
        }
        try {
            return plans.create(body.name(), body.allocation())
                    .onFailure(InvalidAllocationException.class)
                    .transform(e -> invalid((InvalidAllocationException) e))
                    .map(stored -> Response.status(201).entity(stored).build());
        } catch (InvalidAllocationException e) {
            throw invalid(e);
        }
    }

    private static RuntimeException invalid(InvalidAllocationException e) {
        Problem.Builder problem = Problem.of(400, "invalid-plan-request", "Invalid plan request")
                .detail(e.errors().size() + " invalid field(s) in 'allocation'");
        e.errors().forEach(error -> problem.error("allocation." + error.field(), error.value(), error.fix()));
        return problem.toException();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List budget plans", description = "The newest plans first, without their channels.")
    @APIResponse(responseCode = "200", description = "Ids, names, statuses and creation times")
    @APIResponse(responseCode = "400", description = "A limit outside 1 to 200",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<List<PlanRepository.PlanSummary>> list(
            @Parameter(description = "Plans to return, 1 to 200; default 20") @QueryParam("limit") Integer limit) {
        return plans.list(QueryParameters.limit(limit));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a budget plan")
    @APIResponse(responseCode = "200", description = "The plan")
    @APIResponse(responseCode = "404", description = "No plan has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<StoredPlan> get(@PathParam("id") String id) {
        return plans.get(parseId("id", id));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/compare")
    @Operation(summary = "Compare budget plans",
            description = "Totals per plan and the proposed spend and expected outcome of each channel in each plan,"
                    + " in the order of 'ids'.")
    @APIResponse(responseCode = "200", description = "The comparison")
    @APIResponse(responseCode = "400", description = "Fewer than two ids, or an id that is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "An id names no plan", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<PlanComparison> compare(
            @Parameter(description = "Plan ids, comma-separated, at least two") @QueryParam("ids") List<String> ids) {
        List<String> checked = QueryParameters.list("ids", ids, "<plan id>,<plan id>");
        if (checked.size() < 2) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("A comparison needs at least two plans")
                    .error("ids", String.join(",", checked), "Pass two or more plan ids, comma-separated")
                    .toException();
        }
        List<UUID> parsed = new ArrayList<>();
        for (String id : checked) {
            parsed.add(parseId("ids", id));
        }
        return plans.compare(parsed);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/chart.svg")
    @Produces(AttributionResource.SVG)
    @Operation(summary = "Draw a plan",
            description = "An SVG bar chart with the current and proposed spend of each channel, labelled in English"
                    + " or Simplified Chinese.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = AttributionResource.SVG))
    @APIResponse(responseCode = "400", description = "An unknown lang", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No plan has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<String> chart(@PathParam("id") String id,
            @Parameter(description = "en (default) or zh-CN") @QueryParam("lang") String lang) {
        ChartLanguage language = QueryParameters.language(lang);
        return plans.get(parseId("id", id)).map(stored -> AllocationChart.render(stored.plan(),
                (language == ChartLanguage.ZH_CN ? "预算方案 " : "Budget plan ")
                        + (stored.name() == null ? stored.id().toString() : stored.name())
                        + (language == ChartLanguage.ZH_CN ? "：当前与建议投放" : ": current and proposed spend"),
                language));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/curves.svg")
    @Produces(AttributionResource.SVG)
    @Operation(summary = "Draw a plan's response curves",
            description = "One panel per channel with a curve: the Hill curve the plan used, with the current and the"
                    + " proposed spend marked, labelled in English or Simplified Chinese.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = AttributionResource.SVG))
    @APIResponse(responseCode = "400", description = "An unknown lang", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No plan has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<String> curves(@PathParam("id") String id,
            @Parameter(description = "en (default) or zh-CN") @QueryParam("lang") String lang) {
        ChartLanguage language = QueryParameters.language(lang);
        return plans.get(parseId("id", id)).map(stored -> ResponseCurveChart.render(curveSeries(stored), null,
                language));
    }

    private static List<ResponseCurveChart.Series> curveSeries(StoredPlan stored) {
        Map<String, ChannelAllocation> proposed = new HashMap<>();
        stored.plan().channels().forEach(channel -> proposed.put(channel.channel(), channel));
        List<ResponseCurveChart.Series> series = new ArrayList<>();
        for (ChannelBudget channel : stored.request().channels()) {
            if (channel.curve() == null) {
                continue;
            }
            ChannelAllocation allocation = proposed.get(channel.channel());
            series.add(new ResponseCurveChart.Series(channel.channel(), channel.curve(), channel.currentSpend(),
                    allocation == null ? null : allocation.proposedSpend()));
        }
        return series;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER})
    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept a budget plan",
            description = "Publishes the plan on the Kafka topic cm.budget-plans for automation-service, then marks it"
                    + " accepted. A plan can be accepted once.")
    @APIResponse(responseCode = "200", description = "The accepted plan")
    @APIResponse(responseCode = "404", description = "No plan has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The plan was accepted before",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<StoredPlan> accept(@PathParam("id") String id) {
        return plans.accept(parseId("id", id));
    }

    private static UUID parseId(String field, String id) {
        return QueryParameters.id(field, id, "POST /api/v1/plans");
    }
}
