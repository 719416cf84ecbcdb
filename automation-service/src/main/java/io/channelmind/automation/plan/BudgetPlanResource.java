package io.channelmind.automation.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.channelmind.security.Roles;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Read access to the budget plans received from channel-optimizer and the spend against them. */
@Path("/api/v1/budget-plans")
@Tag(name = "budget plans")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetPlanResource {

    private final BudgetPlans plans;

    public BudgetPlanResource(BudgetPlans plans) {
        this.plans = plans;
    }

    /** The active plan of the current period with the spend so far per channel. */
    public record ActivePlanView(String period, UUID planId, String name, String goal, Instant acceptedAt,
            BigDecimal totalBudget, BigDecimal plannedSpend, List<ChannelView> channels) {
    }

    /**
     * One channel: its budget in the plan (0 when the plan leaves it out), the configured cost per
     * message (null when the channel is not limited), and the spend and messages of the period.
     */
    public record ChannelView(String channel, BigDecimal budget, BigDecimal costPerMessage, BigDecimal spent,
            long messages, BigDecimal remaining) {
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Operation(summary = "List the received budget plans", description = "Every plan accepted on channel-optimizer"
            + " and received on cm.budget-plans, the newest accepted first.")
    public Uni<List<BudgetPlan>> list() {
        return plans.list();
    }

    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN_MANAGER, Roles.ANALYST, Roles.VIEWER})
    @GET
    @Path("/active")
    @Operation(summary = "Read the active budget plan and its spend",
            description = "The plan accepted last in the current period (a calendar month in UTC) and, per channel,"
                    + " its budget, the cost per message and what campaign sends spent so far in the period.")
    @APIResponse(responseCode = "200", description = "The active plan")
    @APIResponse(responseCode = "404", description = "No plan was accepted in the current period")
    public Uni<ActivePlanView> active() {
        String period = plans.currentPeriod();
        return plans.active(period).chain(plan -> {
            if (plan == null) {
                throw Problem.of(404, "budget-plan-not-found", "No active budget plan")
                        .detail("No budget plan was accepted in period " + period + ", so campaign sends are not"
                                + " limited by a budget. Accept a plan on channel-optimizer with"
                                + " POST /api/v1/plans/{id}/accept")
                        .with("period", period)
                        .toException();
            }
            return plans.spend(period).map(spend -> view(period, plan, spend));
        });
    }

    private ActivePlanView view(String period, BudgetPlan plan, Map<String, BudgetPlans.Spend> spend) {
        Set<String> channels = new LinkedHashSet<>();
        plan.channels().forEach(channel -> channels.add(channel.channel()));
        channels.addAll(spend.keySet());
        List<ChannelView> views = new ArrayList<>();
        for (String channel : channels) {
            BigDecimal budget = plan.channels().stream().filter(line -> line.channel().equals(channel))
                    .map(BudgetPlan.ChannelBudget::budget).findFirst().orElse(BigDecimal.ZERO);
            BudgetPlans.Spend spent = spend.getOrDefault(channel, new BudgetPlans.Spend(BigDecimal.ZERO, 0));
            BigDecimal remaining = budget.subtract(spent.spent()).max(BigDecimal.ZERO).setScale(4, RoundingMode.HALF_UP);
            views.add(new ChannelView(channel, budget, plans.costPerMessage(channel), spent.spent(), spent.messages(),
                    remaining));
        }
        return new ActivePlanView(period, plan.planId(), plan.name(), plan.goal(), plan.acceptedAt(), plan.totalBudget(),
                plan.plannedSpend(), views);
    }
}
