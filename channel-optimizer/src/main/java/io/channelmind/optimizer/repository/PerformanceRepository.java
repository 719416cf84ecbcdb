package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads event counts and spend per channel (or campaign) and period from the daily tables. */
@ApplicationScoped
public class PerformanceRepository {

    /** Time grouping of rows. Each value's SQL truncates a {@code day} column. */
    public enum Period {
        TOTAL(null), DAY("%s"), WEEK("cast(date_trunc('week', %s) as date)"), MONTH("cast(date_trunc('month', %s) as date)");

        private final String expression;

        Period(String expression) {
            this.expression = expression;
        }
    }

    /** Counts of one group. campaign and periodStart are null when the query does not group by them. */
    public record EventCounts(String channel, String campaign, LocalDate periodStart, long contacts, long reach,
            long conversions, BigDecimal revenue) {
    }

    /** Spend of one group in one currency; impressions and clicks are null when no row reported them. */
    public record SpendTotals(String channel, String campaign, LocalDate periodStart, String currency,
            BigDecimal cost, Long impressions, Long clicks) {
    }

    /** Returns the event counts per group over the days from {@code from} to {@code to}, both included. */
    public Uni<List<EventCounts>> events(boolean byCampaign, Period period, LocalDate from, LocalDate to,
            String segment) {
        List<String> groups = groups("e", byCampaign, period);
        String sql = "select " + String.join(", ", selected("e", byCampaign, period)) + """
                , cast(sum(e.contacts) as bigint),
                  count(distinct e.profile_key) filter (where e.contacts > 0),
                  cast(sum(e.conversions) as bigint),
                  sum(e.value)
                from profile_channel_day e
                """
                + (segment == null ? "" : "join segment_member sm on sm.profile_key = e.profile_key and sm.segment = :segment\n")
                + "where e.day >= :from and e.day <= :to\n"
                + "group by " + String.join(", ", groups);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("from", from)
                    .setParameter("to", to);
            if (segment != null) {
                query.setParameter("segment", segment);
            }
            return query.getResultList();
        }).map(rows -> {
            List<EventCounts> counts = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                counts.add(new EventCounts((String) row[0], (String) row[1], date(row[2]),
                        ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), ((Number) row[5]).longValue(),
                        (BigDecimal) row[6]));
            }
            return counts;
        });
    }

    /** Returns the spend per group and currency over the days from {@code from} to {@code to}, both included. */
    public Uni<List<SpendTotals>> spend(boolean byCampaign, Period period, LocalDate from, LocalDate to) {
        List<String> groups = new ArrayList<>(groups("s", byCampaign, period));
        groups.add("s.currency");
        String sql = "select " + String.join(", ", selected("s", byCampaign, period)) + """
                , s.currency, sum(s.cost), cast(sum(s.impressions) as bigint), cast(sum(s.clicks) as bigint)
                from campaign_daily_spend s
                where s.day >= :from and s.day <= :to
                """
                + "group by " + String.join(", ", groups);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList())
                .map(rows -> {
                    List<SpendTotals> totals = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        totals.add(new SpendTotals((String) row[0], (String) row[1], date(row[2]),
                                (String) row[3], (BigDecimal) row[4], longOrNull(row[5]), longOrNull(row[6])));
                    }
                    return totals;
                });
    }

    // The select list always has channel, campaign and period start, with null for what is not grouped.
    private static List<String> selected(String table, boolean byCampaign, Period period) {
        return List.of(table + ".channel",
                byCampaign ? table + ".campaign" : "cast(null as text)",
                period.expression == null ? "cast(null as date)" : period.expression.formatted(table + ".day"));
    }

    private static List<String> groups(String table, boolean byCampaign, Period period) {
        List<String> groups = new ArrayList<>();
        groups.add(table + ".channel");
        if (byCampaign) {
            groups.add(table + ".campaign");
        }
        if (period.expression != null) {
            groups.add(period.expression.formatted(table + ".day"));
        }
        return groups;
    }

    private static LocalDate date(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date sqlDate) {
            return sqlDate.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
