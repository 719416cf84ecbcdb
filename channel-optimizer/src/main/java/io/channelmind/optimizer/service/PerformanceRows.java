package io.channelmind.optimizer.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.channelmind.optimizer.domain.PerformanceRow;
import io.channelmind.optimizer.repository.PerformanceRepository.EventCounts;
import io.channelmind.optimizer.repository.PerformanceRepository.SpendTotals;

/**
 * Joins event counts and spend of the same channel, campaign and period into performance rows
 * and derives the rates. Costs in different currencies are never added up: such a row gets a
 * null cost and the reason names the currencies.
 */
final class PerformanceRows {

    private PerformanceRows() {
    }

    private record Key(String channel, String campaign, LocalDate periodStart) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::channel)
            .thenComparing(Key::campaign, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Key::periodStart, Comparator.nullsFirst(Comparator.naturalOrder()));

    static List<PerformanceRow> join(List<EventCounts> events, List<SpendTotals> spend) {
        Map<Key, EventCounts> eventsByKey = new TreeMap<>(ORDER);
        for (EventCounts counts : events) {
            eventsByKey.put(new Key(counts.channel(), counts.campaign(), counts.periodStart()), counts);
        }
        Map<Key, List<SpendTotals>> spendByKey = new TreeMap<>(ORDER);
        for (SpendTotals totals : spend) {
            spendByKey.computeIfAbsent(new Key(totals.channel(), totals.campaign(), totals.periodStart()),
                    key -> new ArrayList<>()).add(totals);
        }
        TreeSet<Key> keys = new TreeSet<>(ORDER);
        keys.addAll(eventsByKey.keySet());
        keys.addAll(spendByKey.keySet());

        List<PerformanceRow> rows = new ArrayList<>(keys.size());
        for (Key key : keys) {
            rows.add(row(key, eventsByKey.get(key), spendByKey.getOrDefault(key, List.of())));
        }
        return rows;
    }

    private static PerformanceRow row(Key key, EventCounts events, List<SpendTotals> spend) {
        Map<String, String> undefined = new LinkedHashMap<>();
        long contacts = events == null ? 0 : events.contacts();
        long conversions = events == null ? 0 : events.conversions();
        BigDecimal revenue = events == null || events.revenue() == null ? BigDecimal.ZERO : events.revenue();

        Long impressions = sumNullable(spend.stream().map(SpendTotals::impressions).toList());
        Long clicks = sumNullable(spend.stream().map(SpendTotals::clicks).toList());
        Double ctr = null;
        if (impressions == null || clicks == null) {
            undefined.put("ctr", "no spend row reported " + (impressions == null ? "impressions" : "clicks"));
        } else if (impressions == 0) {
            undefined.put("ctr", "impressions are 0");
        } else {
            ctr = (double) clicks / impressions;
        }

        Double conversionRate = null;
        if (contacts == 0) {
            undefined.put("conversionRate", "no contacts");
        } else {
            conversionRate = (double) conversions / contacts;
        }

        BigDecimal cost = null;
        String currency = null;
        TreeSet<String> currencies = new TreeSet<>(spend.stream().map(SpendTotals::currency).toList());
        if (spend.isEmpty()) {
            undefined.put("cost", "no spend row matched");
        } else if (currencies.size() > 1) {
            undefined.put("cost", "spend rows use " + currencies.size() + " currencies (" + String.join(", ",
                    currencies) + ") and are not added up; set ingestion.cleaning.reporting-currency in"
                    + " ingestion-service so imports convert amounts to one currency");
        } else {
            cost = spend.stream().map(SpendTotals::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            currency = currencies.first().isEmpty() ? null : currencies.first();
        }

        BigDecimal costPerAcquisition = null;
        Double roas = null;
        if (cost == null) {
            undefined.put("costPerAcquisition", "cost is undefined");
            undefined.put("roas", "cost is undefined");
        } else {
            if (conversions == 0) {
                undefined.put("costPerAcquisition", "no conversions");
            } else {
                costPerAcquisition = plain(cost.divide(BigDecimal.valueOf(conversions), 4, RoundingMode.HALF_EVEN));
            }
            if (cost.signum() == 0) {
                undefined.put("roas", "cost is 0");
            } else {
                roas = revenue.divide(cost, 8, RoundingMode.HALF_EVEN).doubleValue();
            }
        }
        // NOTE: revenue is the sum of conversion values as the events carry them; like cost it is only in
        // one currency when ingestion-service converts amounts to a reporting currency.
        return new PerformanceRow(key.channel(), key.campaign(), key.periodStart(), events == null ? 0 : events.reach(),
                impressions, clicks, ctr, contacts, conversions, conversionRate, plain(cost), currency,
                costPerAcquisition, plain(revenue), roas, undefined);
    }

    private static Long sumNullable(List<Long> values) {
        List<Long> reported = values.stream().filter(Objects::nonNull).toList();
        return reported.isEmpty() ? null : reported.stream().mapToLong(Long::longValue).sum();
    }

    private static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
