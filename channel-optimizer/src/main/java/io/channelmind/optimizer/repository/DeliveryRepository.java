package io.channelmind.optimizer.repository;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.messaging.DeliveryEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Counts opens and clicks of delivered messages per profile, channel and part of the day, once per event id. */
@ApplicationScoped
public class DeliveryRepository {

    // "fresh" keeps the events whose id was not recorded before; only those change the counts.
    // Events without a valid time are recorded as processed but not counted.
    private static final String APPLY_NEW = """
            with incoming as (
                select * from %s as e(event_id text, status text, profile_key text, channel text, day_part text)
            ), fresh as (
                insert into processed_event (topic, event_id)
                select :topic, event_id from incoming
                on conflict do nothing
                returning event_id
            ), counted as (
                insert into profile_channel_day_part (profile_key, channel, day_part, opens, clicks)
                select profile_key, channel, day_part,
                       count(*) filter (where status = 'opened'),
                       count(*) filter (where status = 'clicked')
                from incoming join fresh using (event_id)
                where day_part is not null
                group by profile_key, channel, day_part
                on conflict (profile_key, channel, day_part) do update
                    set opens = profile_channel_day_part.opens + excluded.opens,
                        clicks = profile_channel_day_part.clicks + excluded.clicks
            )
            select count(*) from fresh
            """.formatted(JsonRows.EXPAND);

    private final JsonRows jsonRows;

    public DeliveryRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryRow(String eventId, String status, String profileKey, String channel, String dayPart) {
    }

    /**
     * Counts the opens and clicks whose id this service has not processed before and returns how
     * many that was. The events must have distinct ids. The part of the day is that of {@code at}
     * in the profile's latest identify {@code timeZone}, else UTC. Call it inside a transaction.
     */
    public Uni<Long> applyNew(String topic, List<DeliveryEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<String> keys = events.stream().map(DeliveryEvent::profileKey).distinct().toList();
        return Panache.getSession().chain(session -> session
                .createNativeQuery(CustomerEventRepository.STORED_ZONES, Object[].class)
                .setParameter("keys", jsonRows.write(keys))
                .getResultList()
                .chain(zoneRows -> session.createNativeQuery(APPLY_NEW, Long.class)
                        .setParameter("rows", jsonRows.write(rows(events, zones(zoneRows))))
                        .setParameter("topic", topic)
                        .getSingleResult()));
    }

    private static Map<String, ZoneId> zones(List<Object[]> zoneRows) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (Object[] row : zoneRows) {
            ZoneId zone = DayPart.zoneOrNull(row[1]);
            if (zone != null) {
                zones.put((String) row[0], zone);
            }
        }
        return zones;
    }

    private static List<DeliveryRow> rows(List<DeliveryEvent> events, Map<String, ZoneId> zones) {
        List<DeliveryRow> rows = new ArrayList<>(events.size());
        for (DeliveryEvent event : events) {
            DayPart part = dayPart(event.at(), zones.getOrDefault(event.profileKey(), DayPart.DEFAULT_ZONE));
            rows.add(new DeliveryRow(event.eventId(), event.status(), event.profileKey(), event.channel(),
                    part == null ? null : part.id()));
        }
        return rows;
    }

    private static DayPart dayPart(String at, ZoneId zone) {
        if (at == null) {
            return null;
        }
        try {
            return DayPart.of(Instant.parse(at), zone);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
