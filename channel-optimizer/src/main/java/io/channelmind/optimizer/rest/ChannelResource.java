package io.channelmind.optimizer.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.optimizer.domain.PerformanceBreakdown;
import io.channelmind.optimizer.domain.PerformanceReport;
import io.channelmind.optimizer.repository.PerformanceRepository.Period;
import io.channelmind.optimizer.service.PerformanceService;
import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Per-channel performance. */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ChannelResource {

    private final PerformanceService performance;

    public ChannelResource(PerformanceService performance) {
        this.performance = performance;
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/performance")
    @Operation(summary = "Performance per channel",
            description = """
                    One row per channel named by a customer event or spend row, sorted by channel. \
                    contacts counts contact events, reached the distinct profiles contacted, conversions \
                    the conversion events credited to the channel; conversionRate is conversions / contacts \
                    and costPerConversion is cost / conversions. A zero denominator gives null. With \
                    'segment', contacts, reached, conversions and value count only the segment's current \
                    members, but cost stays channel-wide, because spend is reported per channel and day, \
                    not per profile.""")
    @APIResponse(responseCode = "200", description = "The performance table")
    @APIResponse(responseCode = "400", description = "'segment' is blank",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<PerformanceReport> performance(
            @Parameter(description = "Limit the counts to the current members of this segment")
            @QueryParam("segment") String segment) {
        return performance.report(QueryParameters.optional("segment", segment, "young-adults"));
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/performance/breakdown")
    @Operation(summary = "Performance per channel or campaign and period",
            description = """
                    Reach (distinct profiles contacted), impressions, clicks, CTR (clicks / impressions), \
                    contacts, conversions, conversionRate (conversions / contacts), cost, CPA (cost / \
                    conversions), revenue (sum of conversion values) and ROAS (revenue / cost) per channel, or \
                    per channel and campaign, for the whole range or per day, ISO week (starting Monday) or \
                    month. Events are dated by the UTC day of occurredAt; impressions, clicks and cost come \
                    from cm.spend rows. A rate whose denominator is 0 or unknown is null, and 'undefined' \
                    names the reason. Costs in different currencies are never added up: the row's cost is null \
                    and the reason lists the currencies. With 'segment', the event counts cover only the \
                    segment's current members, while spend stays campaign-wide. Only events consumed since \
                    this table was added are counted.""")
    @APIResponse(responseCode = "200", description = "The performance rows")
    @APIResponse(responseCode = "400", description = "An invalid parameter, named with its value and fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<PerformanceBreakdown> breakdown(
            @Parameter(description = "channel (default) or campaign") @QueryParam("by") String by,
            @Parameter(description = "total (default), day, week or month") @QueryParam("period") String period,
            @Parameter(description = "First day included, yyyy-MM-dd") @QueryParam("from") String from,
            @Parameter(description = "Last day included, yyyy-MM-dd") @QueryParam("to") String to,
            @Parameter(description = "Limit the event counts to the current members of this segment")
            @QueryParam("segment") String segment) {
        boolean byCampaign = parseGrouping(by);
        Period parsedPeriod = parsePeriod(period);
        LocalDate first = parseDate("from", from);
        LocalDate last = parseDate("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("'from' (" + from + ") is after 'to' (" + to + ")")
                    .error("from", from, "Pass a day on or before 'to'")
                    .toException();
        }
        return performance.breakdown(byCampaign, parsedPeriod, first, last,
                QueryParameters.optional("segment", segment, "young-adults"));
    }

    private static boolean parseGrouping(String by) {
        if (by == null || by.trim().equals("channel")) {
            return false;
        }
        if (by.trim().equals("campaign")) {
            return true;
        }
        throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                .detail("The query parameter 'by' must be channel or campaign")
                .error("by", by, "Pass by=channel or by=campaign, or leave it out for channel")
                .toException();
    }

    private static Period parsePeriod(String period) {
        if (period == null) {
            return Period.TOTAL;
        }
        try {
            return Period.valueOf(period.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("The query parameter 'period' must be total, day, week or month")
                    .error("period", period, "Pass period=week, for example, or leave it out for the whole range")
                    .toException();
        }
    }

    private static LocalDate parseDate(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("The query parameter '" + name + "' is not a date in the form yyyy-MM-dd")
                    .error(name, value, "Pass a day such as 2024-05-01")
                    .toException();
        }
    }
}
