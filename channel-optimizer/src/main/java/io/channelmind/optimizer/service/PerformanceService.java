package io.channelmind.optimizer.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.optimizer.domain.ChannelPerformance;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.PerformanceBreakdown;
import io.channelmind.optimizer.domain.PerformanceReport;
import io.channelmind.optimizer.repository.ChannelStatsRepository;
import io.channelmind.optimizer.repository.PerformanceRepository;
import io.channelmind.optimizer.repository.PerformanceRepository.Period;
import io.channelmind.optimizer.repository.SpendRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Builds the per-channel performance table, over all profiles or one segment's members. */
@ApplicationScoped
public class PerformanceService {

    private final ChannelStatsRepository stats;
    private final SpendRepository spend;
    private final PerformanceRepository daily;

    public PerformanceService(ChannelStatsRepository stats, SpendRepository spend, PerformanceRepository daily) {
        this.stats = stats;
        this.spend = spend;
        this.daily = daily;
    }

    /**
     * Returns the performance per channel or campaign and period over the days from {@code from}
     * to {@code to} (both included, null for no bound). With a segment, the event counts cover
     * only its current members, while spend, impressions and clicks stay campaign-wide.
     */
    public Uni<PerformanceBreakdown> breakdown(boolean byCampaign, Period period, LocalDate from, LocalDate to,
            String segment) {
        LocalDate first = from == null ? LocalDate.of(1, 1, 1) : from;
        LocalDate last = to == null ? LocalDate.of(9999, 12, 31) : to;
        return Panache.withSession(() -> daily.events(byCampaign, period, first, last, segment)
                .chain(events -> daily.spend(byCampaign, period, first, last)
                        .map(costs -> new PerformanceBreakdown(byCampaign ? "campaign" : "channel",
                                period.name().toLowerCase(Locale.ROOT), from, to, segment,
                                PerformanceRows.join(events, costs)))));
    }

    /**
     * Returns one row per known channel, sorted by channel. With a segment, contacts, reach,
     * conversions and value count only the segment's members, while cost stays channel-wide
     * because spend is not reported per profile.
     */
    public Uni<PerformanceReport> report(String segment) {
        return Panache.withSession(() -> stats.allProfiles()
                .chain(all -> segmentTotals(segment, all)
                        .chain(totals -> spend.costByChannel()
                                .map(costs -> build(segment, channels(all, costs), totals, costs)))));
    }

    private Uni<Map<String, ChannelTotals>> segmentTotals(String segment, Map<String, ChannelTotals> all) {
        return segment == null ? Uni.createFrom().item(all) : stats.segmentMembers(segment);
    }

    private static SortedSet<String> channels(Map<String, ChannelTotals> all, Map<String, BigDecimal> costs) {
        SortedSet<String> channels = new TreeSet<>(all.keySet());
        channels.addAll(costs.keySet());
        return channels;
    }

    private static PerformanceReport build(String segment, SortedSet<String> channels,
            Map<String, ChannelTotals> totals, Map<String, BigDecimal> costs) {
        List<ChannelPerformance> rows = channels.stream()
                .map(channel -> ChannelPerformance.of(
                        totals.getOrDefault(channel, ChannelTotals.empty(channel)), costs.get(channel)))
                .toList();
        return new PerformanceReport(segment, rows);
    }
}
