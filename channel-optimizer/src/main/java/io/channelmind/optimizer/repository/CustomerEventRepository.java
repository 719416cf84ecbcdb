package io.channelmind.optimizer.repository;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.channelmind.optimizer.messaging.CustomerEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Applies customer events to the per-profile, per-channel counts, once per event id. */
@ApplicationScoped
public class CustomerEventRepository {

    // One statement per batch. "fresh" keeps the events whose id was not recorded before, and
    // only those change the counts and the profile list. The caller removes duplicate ids from
    // the batch first, because a duplicate in the batch would join "fresh" twice.
    private static final String APPLY_NEW = """
            with incoming as (
                select * from %s
                    as e(event_id text, type text, profile_key text, channel text, value numeric)
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
            ), profiles as (
                insert into profile (profile_key)
                select distinct profile_key from fresh_events
                on conflict do nothing
            )
            select count(*) from fresh
            """.formatted(JsonRows.EXPAND);

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
        List<EventRow> rows = events.stream().map(EventRow::of).toList();

        return Panache.getSession().chain(session -> session.createNativeQuery(APPLY_NEW, Long.class)
                .setParameter("rows", jsonRows.write(rows))
                .setParameter("topic", topic)
                .getSingleResult());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventRow(String eventId, String type, String profileKey, String channel, BigDecimal value) {

        static EventRow of(CustomerEvent event) {
            String channel = event.channel() == null || event.channel().isBlank() ? null : event.channel();
            return new EventRow(event.eventId(), event.type(), event.profileKey(), channel, event.value());
        }
    }
}
