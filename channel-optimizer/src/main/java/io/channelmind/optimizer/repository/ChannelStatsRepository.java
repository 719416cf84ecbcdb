package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.optimizer.domain.ChannelTotals;
import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.DayPartCounts;
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

    private static final String PROFILE_DAY_PARTS = """
            select channel, day_part, opens, clicks, conversions from profile_channel_day_part
            where profile_key = :profileKey and opens + clicks + conversions > 0
            """;

    private static final String SEGMENT_DAY_PARTS = """
            select dp.channel, dp.day_part, cast(sum(dp.opens) as bigint), cast(sum(dp.clicks) as bigint),
                   cast(sum(dp.conversions) as bigint)
            from profile_channel_day_part dp
            join segment_member sm on sm.profile_key = dp.profile_key and sm.segment = :segment
            where dp.opens + dp.clicks + dp.conversions > 0
            group by dp.channel, dp.day_part
            """;

    /** Returns the profile's opens, clicks and conversions per channel and part of the day (in its time zone). */
    public Uni<Map<String, Map<DayPart, DayPartCounts>>> profileDayParts(String profileKey) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PROFILE_DAY_PARTS, Object[].class)
                        .setParameter("profileKey", profileKey)
                        .getResultList())
                .map(ChannelStatsRepository::byDayPart);
    }

    /** Returns the opens, clicks and conversions of the segment's current members per channel and part of the day. */
    public Uni<Map<String, Map<DayPart, DayPartCounts>>> segmentDayParts(String segment) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SEGMENT_DAY_PARTS, Object[].class)
                        .setParameter("segment", segment)
                        .getResultList())
                .map(ChannelStatsRepository::byDayPart);
    }

    static Map<String, Map<DayPart, DayPartCounts>> byDayPart(List<Object[]> rows) {
        Map<String, Map<DayPart, DayPartCounts>> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
            DayPart part = DayPart.fromId((String) row[1]);
            if (part != null) {
                counts.computeIfAbsent((String) row[0], channel -> new EnumMap<>(DayPart.class))
                        .put(part, new DayPartCounts(((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                                ((Number) row[4]).longValue()));
            }
        }
        return counts;
    }

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
