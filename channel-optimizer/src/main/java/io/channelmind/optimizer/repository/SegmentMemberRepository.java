package io.channelmind.optimizer.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Keeps the current members of each segment, applying each membership change once. */
@ApplicationScoped
public class SegmentMemberRepository {

    // "fresh" keeps the changes whose event id was not recorded before. When one batch contains
    // several changes for the same profile and segment, the one with the highest sequence
    // number (the latest on the partition) decides.
    private static final String APPLY_NEW = """
            with incoming as (
                select * from %s
                    as m(event_id text, segment text, profile_key text, member boolean, sequence int)
            ), fresh as (
                insert into processed_event (topic, event_id)
                select :topic, event_id from incoming
                on conflict do nothing
                returning event_id
            ), latest as (
                select distinct on (segment, profile_key) segment, profile_key, member
                from incoming join fresh using (event_id)
                order by segment, profile_key, sequence desc
            ), entered as (
                insert into segment_member (segment, profile_key)
                select segment, profile_key from latest where member
                on conflict do nothing
            ), departed as (
                delete from segment_member
                using latest
                where segment_member.segment = latest.segment
                  and segment_member.profile_key = latest.profile_key
                  and not latest.member
            )
            select count(*) from fresh
            """.formatted(JsonRows.EXPAND);

    private static final String COUNT_MEMBERS = """
            select count(*) from segment_member where segment = :segment
            """;

    private final JsonRows jsonRows;

    public SegmentMemberRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    /**
     * Applies the membership changes whose id this service has not processed before and returns
     * how many that was. The rows must have distinct ids and carry their order on the partition
     * as {@code sequence}; call it inside a transaction.
     */
    public Uni<Long> applyNew(String topic, List<MembershipRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(APPLY_NEW, Long.class)
                .setParameter("rows", jsonRows.write(rows))
                .setParameter("topic", topic)
                .getSingleResult());
    }

    /** Returns the number of current members of the segment, 0 for a segment never seen. */
    public Uni<Long> countMembers(String segment) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COUNT_MEMBERS, Long.class)
                .setParameter("segment", segment)
                .getSingleResult());
    }

    /** One validated membership change, as the statement reads it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MembershipRow(String eventId, String segment, String profileKey, boolean member, int sequence) {
    }
}
