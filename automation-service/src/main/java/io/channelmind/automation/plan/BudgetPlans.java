package io.channelmind.automation.plan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores accepted budget plans and the spend of campaign sends against the plan of the current
 * period. Without a plan for the period, or for a channel without a cost per message, sends are
 * not limited. A channel that the active plan leaves out has a budget of zero.
 */
@ApplicationScoped
public class BudgetPlans {

    private static final String INSERT_PLAN = """
            insert into budget_plan (plan_id, name, goal, total_budget, planned_spend, period, accepted_at, received_at)
            values ($1, $2, $3, $4, $5, $6, $7, now())
            on conflict (plan_id) do nothing
            returning plan_id
            """;
    private static final String INSERT_CHANNEL = "insert into budget_plan_channel (plan_id, channel, budget) values ($1, $2, $3)";
    private static final String SELECT_PLANS = """
            select p.plan_id, p.name, p.goal, p.total_budget, p.planned_spend, p.period, p.accepted_at, c.channel, c.budget
            from budget_plan p left join budget_plan_channel c on c.plan_id = p.plan_id
            """;
    private static final String ACTIVE_PLAN = "select plan_id from budget_plan where period = $1"
            + " order by accepted_at desc, received_at desc limit 1";
    private static final String CHANNEL_BUDGET = "select budget from budget_plan_channel where plan_id = $1 and channel = $2";
    private static final String OPEN_SPEND = """
            insert into budget_spend (period, channel, spent, messages) values ($1, $2, 0, 0)
            on conflict (period, channel) do nothing
            """;
    private static final String RESERVE = """
            update budget_spend set spent = spent + $3, messages = messages + 1
            where period = $1 and channel = $2 and spent + $3 <= $4
            """;
    private static final String RELEASE = """
            update budget_spend set spent = greatest(spent - $3, 0), messages = greatest(messages - 1, 0)
            where period = $1 and channel = $2
            """;

    private final Pool pool;
    private final BudgetConfig config;
    private final Clock clock;

    @Inject
    public BudgetPlans(Pool pool, BudgetConfig config) {
        this(pool, config, Clock.systemUTC());
    }

    BudgetPlans(Pool pool, BudgetConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    /** The spend of one channel in a period. */
    public record Spend(BigDecimal spent, long messages) {
    }

    /** Stores the plan unless a plan with its id is stored; returns false for such a repeat. */
    public Uni<Boolean> store(BudgetPlan plan) {
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_PLAN)
                .execute(Tuple.tuple().addUUID(plan.planId()).addString(plan.name()).addString(plan.goal())
                        .addBigDecimal(plan.totalBudget()).addBigDecimal(plan.plannedSpend()).addString(plan.period())
                        .addOffsetDateTime(plan.acceptedAt().atOffset(ZoneOffset.UTC)))
                .chain(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : insertChannels(connection, plan).replaceWith(true)));
    }

    private static Uni<Void> insertChannels(SqlClient connection, BudgetPlan plan) {
        List<Tuple> rows = plan.channels().stream()
                .map(channel -> Tuple.of(plan.planId(), channel.channel(), channel.budget()))
                .toList();
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(INSERT_CHANNEL).executeBatch(rows).replaceWithVoid();
    }

    /** Returns the current period, {@code YYYY-MM} in UTC. */
    public String currentPeriod() {
        return BudgetPeriods.of(clock.instant());
    }

    /** Returns the active plan of the period, or a null item when none was accepted in it. */
    public Uni<BudgetPlan> active(String period) {
        return pool.preparedQuery(ACTIVE_PLAN).execute(Tuple.of(period)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            UUID planId = rows.iterator().next().getUUID("plan_id");
            return query(" where p.plan_id = $1", Tuple.of(planId)).map(plans -> plans.isEmpty() ? null : plans.get(0));
        });
    }

    /** Returns every stored plan, the newest accepted first. */
    public Uni<List<BudgetPlan>> list() {
        return query(" order by p.accepted_at desc, p.plan_id", Tuple.tuple());
    }

    private Uni<List<BudgetPlan>> query(String rest, Tuple values) {
        return pool.preparedQuery(SELECT_PLANS + rest).execute(values).map(rows -> {
            Map<UUID, BudgetPlan> plans = new LinkedHashMap<>();
            for (Row row : rows) {
                UUID planId = row.getUUID("plan_id");
                BudgetPlan plan = plans.computeIfAbsent(planId, id -> new BudgetPlan(id,
                        row.getString("name"), row.getString("goal"),
                        row.getBigDecimal("total_budget"), row.getBigDecimal("planned_spend"), row.getString("period"),
                        row.getOffsetDateTime("accepted_at").toInstant(), new ArrayList<>()));
                if (row.getString("channel") != null) {
                    plan.channels().add(new BudgetPlan.ChannelBudget(row.getString("channel"), row.getBigDecimal("budget")));
                }
            }
            return List.copyOf(plans.values());
        });
    }

    /** Returns the spend per channel in the period. */
    public Uni<Map<String, Spend>> spend(String period) {
        return pool.preparedQuery("select channel, spent, messages from budget_spend where period = $1 order by channel")
                .execute(Tuple.of(period)).map(rows -> {
                    Map<String, Spend> spend = new LinkedHashMap<>();
                    for (Row row : rows) {
                        spend.put(row.getString("channel"), new Spend(row.getBigDecimal("spent"), row.getLong("messages")));
                    }
                    return spend;
                });
    }

    /** Returns the configured cost of one message on the channel, or null when the channel has none. */
    public BigDecimal costPerMessage(String channel) {
        return config.costPerMessage().get(channel);
    }

    /**
     * Adds the cost of one message on the channel to the current period's spend, unless that
     * would exceed the active plan's budget for the channel. Returns true when the message may be
     * sent: also when the period has no plan or the channel has no cost.
     */
    public Uni<Boolean> reserve(String channel) {
        BigDecimal cost = costPerMessage(channel);
        if (cost == null) {
            return Uni.createFrom().item(true);
        }
        String period = currentPeriod();
        return pool.withTransaction(connection -> connection.preparedQuery(ACTIVE_PLAN).execute(Tuple.of(period))
                .chain(plans -> {
                    if (plans.size() == 0) {
                        return Uni.createFrom().item(true);
                    }
                    UUID planId = plans.iterator().next().getUUID("plan_id");
                    return connection.preparedQuery(CHANNEL_BUDGET).execute(Tuple.of(planId, channel))
                            .map(rows -> rows.size() == 0 ? BigDecimal.ZERO : rows.iterator().next().getBigDecimal("budget"))
                            .chain(budget -> connection.preparedQuery(OPEN_SPEND).execute(Tuple.of(period, channel))
                                    .chain(() -> connection.preparedQuery(RESERVE)
                                            .execute(Tuple.of(period, channel, cost, budget)))
                                    .map(rows -> rows.rowCount() == 1));
                }));
    }

    /** Takes back a reservation whose message was not sent, such as a duplicate. */
    public Uni<Void> release(String channel) {
        BigDecimal cost = costPerMessage(channel);
        if (cost == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RELEASE).execute(Tuple.of(currentPeriod(), channel, cost)).replaceWithVoid();
    }
}
