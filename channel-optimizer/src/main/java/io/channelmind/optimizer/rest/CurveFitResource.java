package io.channelmind.optimizer.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.curves.Adstock;
import io.channelmind.optimizer.curves.CurveFit;
import io.channelmind.optimizer.curves.FitSettings;
import io.channelmind.optimizer.curves.Grain;
import io.channelmind.optimizer.curves.InvalidHistoryException;
import io.channelmind.optimizer.curves.MarketingHistory;
import io.channelmind.optimizer.curves.ResponseCurveFitter;
import io.channelmind.web.Problem;
import io.smallrye.common.annotation.Blocking;

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
            @Schema(nullable = true, description = "Seed of the search and bootstrap, default 42") Long seed) {
    }

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
                    length-mismatch or invalid-value. The same request and seed give the same fit.""")
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
        return ResponseCurveFitter.fit(history, settings);
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
