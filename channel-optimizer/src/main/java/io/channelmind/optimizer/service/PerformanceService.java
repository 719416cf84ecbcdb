package io.channelmind.optimizer.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.optimizer.domain.ChannelPerformance;
import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.PerformanceReport;
import io.channelmind.optimizer.repository.ChannelStatsRepository;
import io.channelmind.optimizer.repository.SpendRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Builds the per-channel performance table, over all profiles or one segment's members. */
@ApplicationScoped
public class PerformanceService {

    private final ChannelStatsRepository stats;
    private final SpendRepository spend;

    public PerformanceService(ChannelStatsRepository stats, SpendRepository spend) {
        this.stats = stats;
        this.spend = spend;
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
