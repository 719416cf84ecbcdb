package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.optimizer.domain.ChannelTotals;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads contact and conversion totals per channel, over all profiles or one segment's members. */
@ApplicationScoped
public class ChannelStatsRepository {

    private static final String TOTALS_COLUMNS = """
            select pc.channel,
                   cast(sum(pc.contacts) as bigint),
                   count(*) filter (where pc.contacts > 0),
                   cast(sum(pc.conversions) as bigint),
                   sum(pc.value)
            """;

    private static final String ALL_PROFILES = TOTALS_COLUMNS + """
            from profile_channel pc
            group by pc.channel
            """;

    private static final String SEGMENT_MEMBERS = TOTALS_COLUMNS + """
            from profile_channel pc
            join segment_member sm on sm.profile_key = pc.profile_key and sm.segment = :segment
            group by pc.channel
            """;

    /** Returns the totals per channel over all profiles, keyed by channel. */
    public Uni<Map<String, ChannelTotals>> allProfiles() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ALL_PROFILES, Object[].class).getResultList())
                .map(ChannelStatsRepository::byChannel);
    }

    /**
     * Returns the totals per channel over the current members of the segment, keyed by channel.
     * A channel that no member has an event on is absent.
     */
    public Uni<Map<String, ChannelTotals>> segmentMembers(String segment) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SEGMENT_MEMBERS, Object[].class)
                        .setParameter("segment", segment)
                        .getResultList())
                .map(ChannelStatsRepository::byChannel);
    }

    static Map<String, ChannelTotals> byChannel(List<Object[]> rows) {
        Map<String, ChannelTotals> totals = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String channel = (String) row[0];
            totals.put(channel, new ChannelTotals(
                    channel,
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(),
                    (BigDecimal) row[4]));
        }
        return totals;
    }
}
