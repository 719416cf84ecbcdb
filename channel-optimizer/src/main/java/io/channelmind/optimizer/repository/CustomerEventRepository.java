package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.messaging.CustomerEvent;
import io.channelmind.optimizer.model.FeatureEncoder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies customer events to the per-profile, per-channel counts (in total, per day and per part
 * of the day), once per event id.
 */
@ApplicationScoped
public class CustomerEventRepository {

    // One statement per batch. "fresh" keeps the events whose id was not recorded before, and
    // only those change the counts and the profile list. The caller removes duplicate ids from
    // the batch first, because a duplicate in the batch would join "fresh" twice. Identify traits
    // are merged in batch order (seq), so the latest value of a key wins.
    private static final String APPLY_NEW = """
            with incoming as (
                select * from %s
                    as e(event_id text, seq int, type text, profile_key text, channel text, campaign text, day date,
                         day_part text, value numeric, traits jsonb)
            ), fresh as (
                insert into processed_event (topic, event_id)
                select :topic, event_id from incoming
                on conflict do nothing
                returning event_id
            ), fresh_events as (
                select incoming.* from incoming join fresh using (event_id)
            ), counted as (
                insert into profile_channel (profile_key, channel, contacts, conversions, value)
                select profile_key, channel,
                       count(*) filter (where type = 'contact'),
                       count(*) filter (where type = 'conversion'),
                       coalesce(sum(value) filter (where type = 'conversion'), 0)
                from fresh_events
                where channel is not null and type in ('contact', 'conversion')
                group by profile_key, channel
                on conflict (profile_key, channel) do update
                    set contacts = profile_channel.contacts + excluded.contacts,
                        conversions = profile_channel.conversions + excluded.conversions,
                        value = profile_channel.value + excluded.value
            ), counted_per_day as (
                insert into profile_channel_day (profile_key, channel, campaign, day, contacts, conversions, value)
                select profile_key, channel, campaign, day,
                       count(*) filter (where type = 'contact'),
                       count(*) filter (where type = 'conversion'),
                       coalesce(sum(value) filter (where type = 'conversion'), 0)
                from fresh_events
                where channel is not null and day is not null and type in ('contact', 'conversion')
                group by profile_key, channel, campaign, day
                on conflict (profile_key, channel, campaign, day) do update
                    set contacts = profile_channel_day.contacts + excluded.contacts,
                        conversions = profile_channel_day.conversions + excluded.conversions,
                        value = profile_channel_day.value + excluded.value
            ), counted_per_day_part as (
                insert into profile_channel_day_part (profile_key, channel, day_part, contacts, conversions)
                select profile_key, channel, day_part,
                       count(*) filter (where type = 'contact'),
                       count(*) filter (where type = 'conversion')
                from fresh_events
                where channel is not null and day_part is not null and type in ('contact', 'conversion')
                group by profile_key, channel, day_part
                on conflict (profile_key, channel, day_part) do update
                    set contacts = profile_channel_day_part.contacts + excluded.contacts,
                        conversions = profile_channel_day_part.conversions + excluded.conversions
            ), trait_values as (
                select f.profile_key, t.key, t.value, f.seq
                from fresh_events f cross join lateral jsonb_each(f.traits) t
                where f.type = 'identify' and jsonb_typeof(f.traits) = 'object'
            ), merged_traits as (
                insert into profile_trait (profile_key, traits)
                select profile_key, jsonb_object_agg(key, value order by seq)
                from trait_values
                group by profile_key
                on conflict (profile_key) do update
                    set traits = profile_trait.traits || excluded.traits
            ), profiles as (
                insert into profile (profile_key)
                select distinct profile_key from fresh_events
                on conflict do nothing
            )
            select count(*) from fresh
            """.formatted(JsonRows.EXPAND);

    // The latest identify timeZone of each profile; used for delivery events too.
    static final String STORED_ZONES = """
            select pt.profile_key, pt.traits ->> 'timeZone' from profile_trait pt
            join jsonb_array_elements_text(cast(cast(:keys as text) as jsonb)) k(profile_key) using (profile_key)
            where pt.traits ->> 'timeZone' is not null
            """;

    private final JsonRows jsonRows;

    public CustomerEventRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    /**
     * Applies the events whose id this service has not processed before and returns how many
     * that was. The events must have distinct ids. Call it inside a transaction, so the
     * processed ids and the counts commit together.
     */
    public Uni<Long> applyNew(String topic, List<CustomerEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<String> keys = events.stream().map(CustomerEvent::profileKey).distinct().toList();
        return Panache.getSession().chain(session -> session.createNativeQuery(STORED_ZONES, Object[].class)
                .setParameter("keys", jsonRows.write(keys))
                .getResultList()
                .chain(zoneRows -> {
                    Map<String, Object> storedZones = new HashMap<>();
                    for (Object[] row : zoneRows) {
                        storedZones.put((String) row[0], row[1]);
                    }
                    List<DayPart> parts = dayParts(events, storedZones);
                    List<EventRow> rows = new ArrayList<>(events.size());
                    for (int i = 0; i < events.size(); i++) {
                        rows.add(EventRow.of(events.get(i), i, parts.get(i)));
                    }
                    return session.createNativeQuery(APPLY_NEW, Long.class)
                            .setParameter("rows", jsonRows.write(rows))
                            .setParameter("topic", topic)
                            .getSingleResult();
                }));
    }

    /**
     * Returns the part of the day of each contact and conversion in the customer's time zone, and
     * null for other events or a missing {@code occurredAt}. The zone is the event's own
     * {@code traits.timeZone}, else the latest {@code timeZone} of the profile's identify events
     * (earlier in the batch, else stored), else UTC. A name that is not a zone counts as missing.
     */
    static List<DayPart> dayParts(List<CustomerEvent> events, Map<String, Object> storedZones) {
        Map<String, ZoneId> zones = new HashMap<>();
        storedZones.forEach((key, name) -> {
            ZoneId zone = DayPart.zoneOrNull(name);
            if (zone != null) {
                zones.put(key, zone);
            }
        });
        List<DayPart> parts = new ArrayList<>(events.size());
        for (CustomerEvent event : events) {
            ZoneId own = event.traits() == null ? null : DayPart.zoneOrNull(event.traits().get("timeZone"));
            if ("identify".equals(event.type())) {
                if (own != null) {
                    zones.put(event.profileKey(), own);
                }
                parts.add(null);
                continue;
            }
            Instant at = EventRow.instantOrNull(event.occurredAt());
            if (at == null || !("contact".equals(event.type()) || "conversion".equals(event.type()))) {
                parts.add(null);
                continue;
            }
            ZoneId zone = own != null ? own : zones.getOrDefault(event.profileKey(), DayPart.DEFAULT_ZONE);
            parts.add(DayPart.of(at, zone));
        }
        return parts;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventRow(String eventId, int seq, String type, String profileKey, String channel, String campaign,
            LocalDate day, String dayPart, BigDecimal value, Map<String, Object> traits) {

        static EventRow of(CustomerEvent event, int seq, DayPart dayPart) {
            String channel = event.channel() == null || event.channel().isBlank() ? null : event.channel();
            String campaign = event.campaign() == null ? "" : event.campaign().trim();
            return new EventRow(event.eventId(), seq, event.type(), event.profileKey(), channel, campaign,
                    utcDay(event.occurredAt()), dayPart == null ? null : dayPart.id(), event.value(),
                    storedTraits(event.traits()));
        }

        /** Returns the UTC day of an ISO-8601 instant, or null when it is missing or invalid. */
        private static LocalDate utcDay(String occurredAt) {
            Instant at = instantOrNull(occurredAt);
            return at == null ? null : at.atZone(ZoneOffset.UTC).toLocalDate();
        }

        /** Returns the ISO-8601 instant, or null when it is missing or invalid. */
        static Instant instantOrNull(String occurredAt) {
            if (occurredAt == null) {
                return null;
            }
            try {
                return Instant.parse(occurredAt);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        // Contact points and identifiers are not needed to predict a response, so they are not stored.
        private static Map<String, Object> storedTraits(Map<String, Object> traits) {
            Map<String, Object> stored = new LinkedHashMap<>();
            if (traits != null) {
                traits.forEach((key, value) -> {
                    if (value != null && !FeatureEncoder.EXCLUDED.contains(key)) {
                        stored.put(key, value);
                    }
                });
            }
            return stored;
        }
    }
}
