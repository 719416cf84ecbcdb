package io.channelmind.optimizer.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.chart.ChartLanguage;
import io.channelmind.optimizer.chart.ResponseCurveChart;
import io.channelmind.optimizer.curves.Adstock;
import io.channelmind.optimizer.curves.CurveFit;
import io.channelmind.optimizer.curves.FitSettings;
import io.channelmind.optimizer.curves.Grain;
import io.channelmind.optimizer.curves.InvalidHistoryException;
import io.channelmind.optimizer.curves.MarketingHistory;
import io.channelmind.optimizer.curves.ResponseCurveFitter;
import io.channelmind.optimizer.repository.CurveFitRepository;
import io.channelmind.optimizer.repository.StoredSummary;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Response-curve fits from spend and outcome history. */
@Path("/api/v1/curve-fits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Response curves")
public class CurveFitResource {

    static final int MAX_TRIALS = 20_000;
    static final int MAX_BOOTSTRAP = 1_000;

    /** A history to fit: one value per period in every series. */
    public record CurveFitRequest(
            @Schema(required = true, description = "WEEKLY or DAILY") Grain grain,
            @Schema(required = true, description = "Period starts as yyyy-MM-dd, in time order without gaps")
            List<String> periods,
            @Schema(required = true, description = "Outcome per period, such as revenue") double[] outcome,
            @Schema(required = true, description = "Spend per channel and period") Map<String, double[]> spend,
            @Schema(nullable = true, description = "Context variables per period, such as competitor sales")
            Map<String, double[]> controls,
            @Schema(nullable = true, description = "Holiday dates as yyyy-MM-dd") List<String> holidays,
            @Schema(nullable = true, description = "GEOMETRIC (default) or WEIBULL") Adstock.Kind adstock,
            @Schema(nullable = true, description = "Random search candidates, default 3000, at most 20000")
            Integer trials,
            @Schema(nullable = true, description = "Bootstrap refits, default 200, at most 1000")
            Integer bootstrapSamples,
            @Schema(nullable = true, description = "Seed of the search and bootstrap, default 42") Long seed,
            @Schema(nullable = true, description = "Label of the stored fit, shown in listings") String name) {
    }

    private final CurveFitRepository fits;

    public CurveFitResource(CurveFitRepository fits) {
        this.fits = fits;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Fit response curves",
            description = """
                    Fits adstock (geometric or Weibull) and Hill saturation per channel with a ridge regression \
                    on those columns and the controls (trend, yearly seasonality, holidays, context variables). \
                    The parameters are searched by NRMSE on three time-ordered validation blocks; the model is \
                    refitted on the first 85% of the periods and scored on the last 15%. Returns R², holdout \
                    NRMSE next to a plain linear regression's, effect and spend shares, and per channel ROI and \
                    marginal ROI with 90% bootstrap intervals. A history that breaks a rule is a 400 problem \
                    whose 'rule' is date-format, period-start, zero-spend, too-little-history, \
                    length-mismatch or invalid-value. The same request and seed give the same fit. The fit is \
                    stored: its id reads it back, draws its curves and gives a budget plan its curves (fitId).""")
    @APIResponse(responseCode = "200", description = "The fit")
    @APIResponse(responseCode = "400", description = "The rule, field and value that failed, and the fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CurveFit fit(CurveFitRequest request) {
        if (request == null || request.grain() == null || request.periods() == null || request.outcome() == null
                || request.spend() == null) {
            throw invalid("missing-field", "grain, periods, outcome, spend", null,
                    "Send grain, periods, outcome and spend; controls, holidays and the search settings are optional");
        }
        FitSettings defaults = FitSettings.DEFAULTS;
        int trials = bounded("trials", request.trials(), defaults.trials(), MAX_TRIALS);
        int bootstrap = bounded("bootstrapSamples", request.bootstrapSamples(), defaults.bootstrapSamples(),
                MAX_BOOTSTRAP);
        FitSettings settings = new FitSettings(request.adstock() == null ? defaults.adstock() : request.adstock(),
                trials, bootstrap, request.seed() == null ? defaults.seed() : request.seed());

        MarketingHistory history;
        try {
            history = MarketingHistory.of(request.grain(), request.periods(), request.outcome(),
                    new LinkedHashMap<>(request.spend()),
                    request.controls() == null ? Map.of() : new LinkedHashMap<>(request.controls()),
                    holidays(request.holidays()));
        } catch (InvalidHistoryException e) {
            throw invalid(e.rule(), e.field(), e.value(), e.getMessage());
        }
        CurveFit fit = ResponseCurveFitter.fit(history, settings);
        return store(request.name(), fit);
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List stored curve fits", description = "The newest fits first, without their curves.")
    @APIResponse(responseCode = "200", description = "Ids, names and creation times")
    @APIResponse(responseCode = "400", description = "A limit outside 1 to 200",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<List<StoredSummary>> list(
            @Parameter(description = "Fits to return, 1 to 200; default 20") @QueryParam("limit") Integer limit) {
        int checked = QueryParameters.limit(limit);
        return Panache.withSession(() -> fits.list(checked));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a stored curve fit")
    @APIResponse(responseCode = "200", description = "The fit as it was returned when created")
    @APIResponse(responseCode = "404", description = "No fit has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<CurveFit> get(@PathParam("id") String id) {
        UUID parsed = QueryParameters.id("id", id, "POST /api/v1/curve-fits");
        return Panache.withSession(() -> fits.find(parsed)).map(fit -> {
            if (fit == null) {
                throw Problem.of(404, "curve-fit-not-found", "Curve fit not found")
                        .detail("No curve fit has the id " + parsed)
                        .error("id", id, "Use an id returned by POST /api/v1/curve-fits or GET /api/v1/curve-fits")
                        .toException();
            }
            return fit;
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/curves.svg")
    @Produces(AttributionResource.SVG)
    @Operation(summary = "Draw a curve fit's response curves",
            description = "One panel per channel: outcome per period against spend per period (the responseCurve"
                    + " of the fit) with the channel's mean spend over the history marked as current spend,"
                    + " labelled in English or Simplified Chinese.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = AttributionResource.SVG))
    @APIResponse(responseCode = "400", description = "An unknown lang", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No fit has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<String> curves(@PathParam("id") String id,
            @Parameter(description = "en (default) or zh-CN") @QueryParam("lang") String lang) {
        ChartLanguage language = QueryParameters.language(lang);
        return get(id).map(fit -> ResponseCurveChart.render(fit.channels().stream()
                .map(curve -> new ResponseCurveChart.Series(curve.channel(), curve.responseCurve(), curve.meanSpend(),
                        null))
                .toList(), null, language));
    }

    /** Stores the fit from this worker thread, waiting for the reactive insert to finish. */
    private CurveFit store(String name, CurveFit fit) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> fits.insert(name, fit)));
        } catch (Throwable e) {
            throw new IllegalStateException("Failed to store a curve fit of " + fit.channels().size() + " channels", e);
        }
    }

    private static int bounded(String field, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < (field.equals("trials") ? 1 : 0) || value > max) {
            throw invalid("invalid-value", field, value, "Send a whole number from "
                    + (field.equals("trials") ? 1 : 0) + " to " + max + ", or leave it out");
        }
        return value;
    }

    private static Set<LocalDate> holidays(List<String> dates) {
        Set<LocalDate> holidays = new HashSet<>();
        if (dates == null) {
            return holidays;
        }
        for (int i = 0; i < dates.size(); i++) {
            try {
                holidays.add(LocalDate.parse(dates.get(i) == null ? "" : dates.get(i).trim()));
            } catch (DateTimeParseException e) {
                throw invalid("date-format", "holidays[" + i + "]", dates.get(i),
                        "Write the date as yyyy-MM-dd, such as 2019-12-25");
            }
        }
        return holidays;
    }

    private static RuntimeException invalid(String rule, String field, Object value, String fix) {
        return Problem.of(400, "invalid-history", "Invalid marketing history")
                .detail("The history breaks the rule '" + rule + "'")
                .with("rule", rule)
                .error(field, value, fix)
                .toException();
    }
}
