package io.channelmind.optimizer.rest;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

import io.channelmind.optimizer.attribution.AttributionModel;
import io.channelmind.optimizer.attribution.AttributionReport;
import io.channelmind.optimizer.attribution.AttributionService;
import io.channelmind.optimizer.attribution.AttributionSettings;
import io.channelmind.optimizer.attribution.InvalidJourneyException;
import io.channelmind.optimizer.attribution.Journey;
import io.channelmind.optimizer.attribution.JourneyFileReader;
import io.channelmind.optimizer.attribution.MarkovAttribution;
import io.channelmind.optimizer.chart.AttributionChart;
import io.channelmind.optimizer.chart.ChartLanguage;
import io.channelmind.optimizer.repository.AttributionRunRepository;
import io.channelmind.optimizer.repository.StoredSummary;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Attribution of conversions and value over customer journeys. */
@Path("/api/v1/attribution")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attribution")
public class AttributionResource {

    static final String SVG = "image/svg+xml";

    private static final String MODELS_DESCRIPTION = """
            FIRST_TOUCH and LAST_TOUCH credit one touchpoint; LINEAR splits evenly; TIME_DECAY weighs a \
            touchpoint by 2^(-age / halfLife), age in hours when journeys carry hoursBeforeEnd, else in \
            touchpoints before the last; POSITION_BASED gives firstShare and lastShare to the ends and \
            splits the rest over the middle; MARKOV builds an absorbing Markov chain of the given order \
            (a state is the last 1 to 3 channels), solves it as a linear system (LU decomposition up to 400 \
            states, sparse Gauss-Seidel to a relative 1e-14 above), and splits the \
            observed totals by each channel's removal effect. Every model's credits add up to the \
            observed conversions and value, and the same input always gives the same result.""";

    private static final String STORED = " The run is stored; its id reads it back and draws it as a chart.";

    /** One journey in a JSON request. */
    public record JourneyInput(
            @Schema(required = true, description = "Channels in order, first touch first") List<String> touchpoints,
            @Schema(nullable = true, description = "Hours between each touchpoint and the end of the journey")
            List<Double> hoursBeforeEnd,
            @Schema(description = "Times the journey ended in a conversion") Double conversions,
            @Schema(description = "Value of those conversions") Double value,
            @Schema(description = "Times the journey ended without a conversion") Double nulls) {
    }

    /** A JSON attribution request. */
    public record AttributionRequest(
            @Schema(required = true) List<JourneyInput> journeys,
            @Schema(nullable = true, description = "Models to run; all when left out") List<AttributionModel> models,
            @Schema(nullable = true, description = "Time-decay half-life; default 7") Double halfLife,
            @Schema(nullable = true, description = "Position-based first share; default 0.4") Double firstShare,
            @Schema(nullable = true, description = "Position-based last share; default 0.4") Double lastShare,
            @Schema(nullable = true, description = "Markov order, 1 to 3; default 1") Integer markovOrder,
            @Schema(nullable = true, description = "Label of the stored run, shown in listings") String name) {
    }

    private final AttributionRunRepository runs;

    public AttributionResource(AttributionRunRepository runs) {
        this.runs = runs;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Attribute journeys sent as JSON", description = MODELS_DESCRIPTION + STORED)
    @APIResponse(responseCode = "200", description = "Credits per channel for each model")
    @APIResponse(responseCode = "400", description = "An invalid journey or setting, named with its value and fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public AttributionReport attributeJson(AttributionRequest request) {
        if (request == null || request.journeys() == null || request.journeys().isEmpty()) {
            throw invalid("journeys", null, "Send at least one journey, such as {\"touchpoints\": [\"email\", \"sms\"],"
                    + " \"conversions\": 1, \"value\": 20, \"nulls\": 3}");
        }
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < request.journeys().size(); i++) {
            journeys.add(journey("journeys[" + i + "]", request.journeys().get(i)));
        }
        return store(request.name(), run(journeys, request.models(), request.halfLife(), request.firstShare(),
                request.lastShare(), request.markovOrder()));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST})
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Blocking
    @Operation(summary = "Attribute a path file",
            description = "The body is a path file: the header path;total_conversions;total_conversion_value;total_null"
                    + " and one journey per line, channels joined by ' > '. Repeated paths count separately. "
                    + MODELS_DESCRIPTION + STORED)
    @APIResponse(responseCode = "200", description = "Credits per channel for each model")
    @APIResponse(responseCode = "400", description = "An invalid row (named by row and column) or setting",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public AttributionReport attributePathFile(String body,
            @Parameter(description = "Models to run, comma-separated; all when left out") @QueryParam("models")
            List<String> models,
            @Parameter(description = "Time-decay half-life in touchpoints; default 7") @QueryParam("halfLife")
            Double halfLife,
            @Parameter(description = "Position-based first share; default 0.4") @QueryParam("firstShare")
            Double firstShare,
            @Parameter(description = "Position-based last share; default 0.4") @QueryParam("lastShare")
            Double lastShare,
            @Parameter(description = "Markov order, 1 to 3; default 1") @QueryParam("markovOrder")
            Integer markovOrder,
            @Parameter(description = "Label of the stored run, shown in listings") @QueryParam("name") String name) {
        List<Journey> journeys;
        try {
            journeys = JourneyFileReader.read(new StringReader(body == null ? "" : body));
        } catch (InvalidJourneyException e) {
            throw Problem.of(400, "invalid-journey", "Invalid journey")
                    .detail(e.getMessage())
                    .with("row", e.row())
                    .error(e.column(), e.value(), e.getMessage())
                    .toException();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read a request body held in memory", e);
        }
        if (journeys.isEmpty()) {
            throw invalid("body", "", "Send at least one journey line after the header");
        }
        List<AttributionModel> parsed = null;
        List<String> names = QueryParameters.list("models", models, "LINEAR,MARKOV");
        if (!names.isEmpty()) {
            parsed = new ArrayList<>();
            for (String modelName : names) {
                parsed.add(model(modelName));
            }
        }
        return store(name, run(journeys, parsed, halfLife, firstShare, lastShare, markovOrder));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List stored attribution runs", description = "The newest runs first, without results.")
    @APIResponse(responseCode = "200", description = "Ids, names and creation times")
    @APIResponse(responseCode = "400", description = "A limit outside 1 to 200",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<List<StoredSummary>> list(
            @Parameter(description = "Runs to return, 1 to 200; default 20") @QueryParam("limit") Integer limit) {
        int checked = QueryParameters.limit(limit);
        return Panache.withSession(() -> runs.list(checked));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a stored attribution run")
    @APIResponse(responseCode = "200", description = "The run as it was returned when created")
    @APIResponse(responseCode = "404", description = "No run has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<AttributionReport> get(@PathParam("id") String id) {
        UUID parsed = QueryParameters.id("id", id, "POST /api/v1/attribution");
        return Panache.withSession(() -> runs.find(parsed)).map(report -> {
            if (report == null) {
                throw Problem.of(404, "attribution-run-not-found", "Attribution run not found")
                        .detail("No attribution run has the id " + parsed)
                        .error("id", id, "Use an id returned by POST /api/v1/attribution or GET /api/v1/attribution")
                        .toException();
            }
            return report;
        });
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/{id}/chart.svg")
    @Produces(SVG)
    @Operation(summary = "Draw an attribution run",
            description = "An SVG bar chart with the credit of each channel under each model of the run, in"
                    + " conversions or in conversion value, labelled in English or Simplified Chinese.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(mediaType = SVG))
    @APIResponse(responseCode = "400", description = "An unknown lang or measure",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No run has the id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<String> chart(@PathParam("id") String id,
            @Parameter(description = "en (default) or zh-CN") @QueryParam("lang") String lang,
            @Parameter(description = "conversions (default) or value") @QueryParam("measure") String measure) {
        ChartLanguage language = QueryParameters.language(lang);
        AttributionChart.Measure chosen = measure(measure);
        return get(id).map(report -> AttributionChart.render(report.results(), chosen, null, language));
    }

    private static AttributionChart.Measure measure(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("conversions")) {
            return AttributionChart.Measure.CONVERSIONS;
        }
        if (value.trim().equalsIgnoreCase("value")) {
            return AttributionChart.Measure.VALUE;
        }
        throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                .detail("measure must be conversions or value")
                .error("measure", value, "Pass measure=conversions or measure=value, or leave it out")
                .toException();
    }

    /** Stores the report from this worker thread, waiting for the reactive insert to finish. */
    private AttributionReport store(String name, AttributionReport report) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> runs.insert(name, report)));
        } catch (Throwable e) {
            throw new IllegalStateException("Failed to store an attribution run of " + report.journeys() + " journeys",
                    e);
        }
    }

    private static AttributionReport run(List<Journey> journeys, List<AttributionModel> models, Double halfLife,
            Double firstShare, Double lastShare, Integer markovOrder) {
        AttributionSettings defaults = AttributionSettings.DEFAULTS;
        AttributionSettings settings;
        try {
            settings = new AttributionSettings(halfLife == null ? defaults.halfLife() : halfLife,
                    firstShare == null ? defaults.firstShare() : firstShare,
                    lastShare == null ? defaults.lastShare() : lastShare,
                    markovOrder == null ? defaults.markovOrder() : markovOrder);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().substring(0, e.getMessage().indexOf(' '));
            throw invalid(field, switch (field) {
                case "halfLife" -> halfLife;
                case "markovOrder" -> markovOrder;
                default -> firstShare + "/" + lastShare;
            }, e.getMessage());
        }
        List<AttributionModel> chosen = models == null || models.isEmpty()
                ? Arrays.asList(AttributionModel.values())
                : models;
        try {
            return new AttributionReport(null, null, null, journeys.size(),
                    AttributionService.attribute(journeys, chosen, settings));
        } catch (IllegalArgumentException e) {
            throw invalid("markovOrder", settings.markovOrder(), e.getMessage()
                    + " (at most " + MarkovAttribution.MAX_STATES + " states)");
        }
    }

    private static Journey journey(String path, JourneyInput input) {
        if (input == null || input.touchpoints() == null || input.touchpoints().isEmpty()) {
            throw invalid(path + ".touchpoints", input == null ? null : input.touchpoints(),
                    "Send the channels in order, such as [\"email\", \"sms\"]");
        }
        for (int t = 0; t < input.touchpoints().size(); t++) {
            String channel = input.touchpoints().get(t);
            if (channel == null || channel.isBlank()) {
                throw invalid(path + ".touchpoints[" + t + "]", channel, "Name the channel, such as email");
            }
        }
        if (input.hoursBeforeEnd() != null) {
            if (input.hoursBeforeEnd().size() != input.touchpoints().size()) {
                throw invalid(path + ".hoursBeforeEnd", input.hoursBeforeEnd(), "Send one age per touchpoint ("
                        + input.touchpoints().size() + "), or leave hoursBeforeEnd out");
            }
            for (int t = 0; t < input.hoursBeforeEnd().size(); t++) {
                count(path + ".hoursBeforeEnd[" + t + "]", input.hoursBeforeEnd().get(t));
            }
        }
        return new Journey(input.touchpoints().stream().map(String::trim).toList(), input.hoursBeforeEnd(),
                count(path + ".conversions", input.conversions()), count(path + ".value", input.value()),
                count(path + ".nulls", input.nulls()));
    }

    private static double count(String field, Double value) {
        if (value == null) {
            return 0;
        }
        if (!(value >= 0) || value.isInfinite()) {
            throw invalid(field, value, "Send a finite number of at least 0");
        }
        return value;
    }

    private static AttributionModel model(String name) {
        try {
            return AttributionModel.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid("models", name, "Use one of " + Arrays.toString(AttributionModel.values()));
        }
    }

    private static RuntimeException invalid(String field, Object value, String fix) {
        return Problem.of(400, "invalid-attribution-request", "Invalid attribution request")
                .detail("'" + field + "' is invalid")
                .error(field, value, fix)
                .toException();
    }
}
