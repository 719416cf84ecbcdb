package io.channelmind.automation.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Consumes cm.budget-plans, which channel-optimizer publishes when a user accepts a plan, and
 * stores each plan for the calendar month (UTC) in which it was accepted. A plan published twice
 * is stored once, and a message that is not a valid schema-version-1 plan is logged and skipped.
 */
@ApplicationScoped
public class BudgetPlanConsumer {

    static final String CHANNEL = "budget-plans";
    private static final Logger LOG = Logger.getLogger(BudgetPlanConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BudgetPlans plans;

    public BudgetPlanConsumer(BudgetPlans plans) {
        this.plans = plans;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onPlan(String payload) {
        BudgetPlan plan;
        try {
            plan = parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping a cm.budget-plans message: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return plans.store(plan).invoke(stored -> {
            if (stored) {
                LOG.infof("Budget plan %s stored for period %s with %d channel(s)", plan.planId(), plan.period(),
                        plan.channels().size());
            } else {
                LOG.infof("Budget plan %s was stored before, so the repeated message is ignored", plan.planId());
            }
        }).replaceWithVoid();
    }

    /** Parses a schema-version-1 payload; throws IllegalArgumentException naming the invalid field. */
    static BudgetPlan parse(String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the message is not a JSON object");
        }

        if (event.path("schemaVersion").asInt() != 1) {
            throw new IllegalArgumentException("schemaVersion " + event.path("schemaVersion") + " is not supported;"
                    + " this version reads schemaVersion 1");
        }
        UUID planId;
        try {
            planId = UUID.fromString(event.path("planId").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("planId " + event.path("planId") + " is not a UUID");
        }

        String goal = text(event, "goal", planId);
        Instant acceptedAt;
        try {
            acceptedAt = Instant.parse(text(event, "acceptedAt", planId));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("plan " + planId + ": acceptedAt " + event.path("acceptedAt")
                    + " is not an ISO-8601 instant");
        }

        JsonNode channels = event.path("channels");
        if (!channels.isArray()) {
            throw new IllegalArgumentException("plan " + planId + ": channels is missing or not an array");
        }
        List<BudgetPlan.ChannelBudget> budgets = new ArrayList<>();
        for (JsonNode channel : channels) {
            String name = text(channel, "channel", planId).toLowerCase(Locale.ROOT);
            BigDecimal budget = amount(channel, "proposedSpend", planId);
            budgets.add(new BudgetPlan.ChannelBudget(name, budget));
        }

        String name = event.hasNonNull("name") ? event.get("name").asText() : null;
        return new BudgetPlan(planId, name, goal, amount(event, "totalBudget", planId),
                amount(event, "plannedSpend", planId), BudgetPeriods.of(acceptedAt), acceptedAt, budgets);
    }

    private static String text(JsonNode node, String field, UUID planId) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("plan " + planId + ": " + field + " is missing or not a string");
        }
        return value.asText().trim();
    }

    private static BigDecimal amount(JsonNode node, String field, UUID planId) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException("plan " + planId + ": " + field + " " + value
                    + " is missing or not a number of at least 0");
        }
        return value.decimalValue();
    }
}
