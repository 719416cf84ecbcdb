package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stores spend per channel and day, once per event id, and reads the totals per channel. */
@ApplicationScoped
public class SpendRepository {

    // "fresh" keeps the rows whose event id was not recorded before; the caller removes
    // duplicate ids from the batch first.
    private static final String APPLY_NEW = """
            with incoming as (
                select * from %s
                    as s(event_id text, channel text, campaign text, day date, cost numeric, currency text,
                         impressions bigint, clicks bigint)
            ), fresh as (
                insert into processed_event (topic, event_id)
                select :topic, event_id from incoming
                on conflict do nothing
                returning event_id
            ), added as (
                insert into channel_daily_spend (channel, day, cost)
                select channel, day, sum(cost)
                from incoming join fresh using (event_id)
                group by channel, day
                on conflict (channel, day) do update
                    set cost = channel_daily_spend.cost + excluded.cost
            ), added_per_campaign as (
                insert into campaign_daily_spend (channel, campaign, day, currency, cost, impressions, clicks)
                select channel, coalesce(campaign, ''), day, coalesce(upper(currency), ''), sum(cost),
                       sum(impressions), sum(clicks)
                from incoming join fresh using (event_id)
                group by channel, coalesce(campaign, ''), day, coalesce(upper(currency), '')
                on conflict (channel, campaign, day, currency) do update
                    set cost = campaign_daily_spend.cost + excluded.cost,
                        impressions = case
                            when campaign_daily_spend.impressions is null and excluded.impressions is null then null
                            else coalesce(campaign_daily_spend.impressions, 0) + coalesce(excluded.impressions, 0)
                        end,
                        clicks = case
                            when campaign_daily_spend.clicks is null and excluded.clicks is null then null
                            else coalesce(campaign_daily_spend.clicks, 0) + coalesce(excluded.clicks, 0)
                        end
            )
            select count(*) from fresh
            """.formatted(JsonRows.EXPAND);

    // NOTE: costs are summed whatever their currency, so a channel's total is only right when all
    // of its spend rows use one currency.
    private static final String COST_BY_CHANNEL = """
            select channel, sum(cost) from channel_daily_spend group by channel
            """;

    private final JsonRows jsonRows;

    public SpendRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    /**
     * Adds the spend rows whose id this service has not processed before and returns how many
     * that was. The rows must have distinct ids; call it inside a transaction.
     */
    public Uni<Long> applyNew(String topic, List<SpendRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(APPLY_NEW, Long.class)
                .setParameter("rows", jsonRows.write(rows))
                .setParameter("topic", topic)
                .getSingleResult());
    }

    /** Returns the total cost per channel over all days; channels without spend rows are absent. */
    public Uni<Map<String, BigDecimal>> costByChannel() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(COST_BY_CHANNEL, Object[].class).getResultList())
                .map(rows -> {
                    Map<String, BigDecimal> costs = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        costs.put((String) row[0], (BigDecimal) row[1]);
                    }
                    return costs;
                });
    }

    /** One validated spend event, as the statement reads it; campaign, currency, impressions and clicks may be null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SpendRow(String eventId, String channel, String campaign, LocalDate day, BigDecimal cost,
            String currency, Long impressions, Long clicks) {
    }
}
