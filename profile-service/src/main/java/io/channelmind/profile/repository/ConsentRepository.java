package io.channelmind.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.ConsentChangeEvent;
import io.channelmind.profile.domain.DeliveryEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the do-not-contact state of profiles and moves consent on merges. */
@ApplicationScoped
public class ConsentRepository {

    // Resolves each delivery's key through the identity table, keeps the latest delivery per
    // profile, and marks the profile unless it already has a mark at least as recent.
    private static final String MARK = """
            update profile p set do_not_contact_reason = x.reason, do_not_contact_at = x.at, updated_at = now()
            from (select distinct on (i.profile_key) i.profile_key, d.reason, d.at, d.event_id, d.channel
                  from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])
                       as d(k, reason, at, event_id, channel)
                  join profile_identity i on i.kind = 'profileKey' and i.value = d.k
                  order by i.profile_key, d.at desc) as x
            where p.profile_key = x.profile_key and (p.do_not_contact_at is null or p.do_not_contact_at < x.at)
            returning p.profile_key, x.reason, x.at, x.event_id, x.channel""";

    // Picks the latest mark among the profiles merged into each survivor ($1 merged keys, $2
    // survivor keys, $3 the merge time) and copies it unless the survivor has a mark at least as
    // recent. A clear on the survivor does not stop it, because a mark on either side wins.
    private static final String CARRY_MARK = """
            with mark as (
                select distinct on (x.survivor) x.survivor, x.merged, m.do_not_contact_reason, m.do_not_contact_at,
                       m.do_not_contact_actor, m.do_not_contact_note
                from unnest($1::text[], $2::text[]) as x(merged, survivor)
                join profile m on m.profile_key = x.merged
                where m.do_not_contact_reason is not null
                order by x.survivor, m.do_not_contact_at desc
            ), carried as (
                update profile s set do_not_contact_reason = k.do_not_contact_reason,
                                     do_not_contact_at = k.do_not_contact_at,
                                     do_not_contact_actor = k.do_not_contact_actor,
                                     do_not_contact_note = k.do_not_contact_note,
                                     updated_at = now()
                from mark k
                where s.profile_key = k.survivor
                  and (s.do_not_contact_reason is null or s.do_not_contact_at < k.do_not_contact_at)
                returning s.profile_key, k.merged, k.do_not_contact_reason
            )
            insert into consent_history (profile_key, channel, purpose, change, actor, note, at)
            select profile_key, null, null, 'merged from ' || merged, 'profile-merge',
                   'do-not-contact-set:' || do_not_contact_reason, $3
            from carried""";

    // Moves the purpose states of the merged profiles to their survivors. Among the rows for one
    // survivor, channel and purpose, and then against the survivor's own row, the later updated_at
    // wins and at equal times the stricter state (strictness 0 is withdrawn, the strictest). The
    // merged rows are deleted.
    private static final String CARRY_PURPOSES = """
            with candidate as (
                select distinct on (x.survivor, m.channel, m.purpose) x.survivor, x.merged, m.channel, m.purpose,
                       m.state, m.requested_at, m.confirmed_at, m.withdrawn_at, m.updated_at,
                       case m.state when 'withdrawn' then 0 when 'pending' then 1 else 2 end as strictness
                from unnest($1::text[], $2::text[]) as x(merged, survivor)
                join consent_purpose m on m.profile_key = x.merged
                order by x.survivor, m.channel, m.purpose, m.updated_at desc,
                         case m.state when 'withdrawn' then 0 when 'pending' then 1 else 2 end
            ), winner as (
                select c.* from candidate c
                left join consent_purpose s on s.profile_key = c.survivor and s.channel = c.channel
                                           and s.purpose = c.purpose
                where s.profile_key is null or c.updated_at > s.updated_at
                   or (c.updated_at = s.updated_at
                       and c.strictness < case s.state when 'withdrawn' then 0 when 'pending' then 1 else 2 end)
            ), carried as (
                insert into consent_purpose (profile_key, channel, purpose, state, requested_at, confirmed_at,
                                             withdrawn_at, updated_at)
                select survivor, channel, purpose, state, requested_at, confirmed_at, withdrawn_at, updated_at
                from winner
                on conflict (profile_key, channel, purpose) do update set
                    state = excluded.state, requested_at = excluded.requested_at,
                    confirmed_at = excluded.confirmed_at, withdrawn_at = excluded.withdrawn_at,
                    updated_at = excluded.updated_at
            ), removed as (
                delete from consent_purpose where profile_key = any($1::text[])
            )
            insert into consent_history (profile_key, channel, purpose, change, actor, note, at)
            select survivor, channel, purpose, 'merged from ' || merged, 'profile-merge', state, $3
            from winner""";

    /** The do-not-contact mark of a profile; both fields are null when the profile may be contacted. */
    public record DoNotContact(String reason, Instant at) {
    }

    /**
     * Marks the profiles of the deliveries as not to be contacted and returns the changes to
     * publish. A delivery to a key without a profile changes nothing.
     */
    public Uni<List<ConsentChangeEvent>> mark(SqlClient client, List<DeliveryEvent> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple parameters = Tuple.of(
                deliveries.stream().map(DeliveryEvent::profileKey).toArray(String[]::new),
                deliveries.stream().map(DeliveryEvent::doNotContactReason).toArray(String[]::new),
                deliveries.stream().map(delivery -> (delivery.at() == null ? now : delivery.at()).atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new),
                deliveries.stream().map(DeliveryEvent::eventId).toArray(String[]::new),
                deliveries.stream().map(DeliveryEvent::channel).toArray(String[]::new));
        return client.preparedQuery(MARK).execute(parameters).map(rows -> {
            List<ConsentChangeEvent> changes = new ArrayList<>();
            for (Row row : rows) {
                String causeEventId = row.getString(3);
                changes.add(new ConsentChangeEvent(ConsentChangeEvent.SCHEMA_VERSION, "dnc:" + causeEventId,
                        row.getString(0), row.getString(4), true, row.getString(1), causeEventId,
                        row.getOffsetDateTime(2).toInstant()));
            }
            return changes;
        });
    }

    /** Returns the do-not-contact mark of the profile, or empty when the profile does not exist. */
    public Uni<Optional<DoNotContact>> find(SqlClient client, String profileKey) {
        String sql = "select do_not_contact_reason, do_not_contact_at from profile where profile_key = $1";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            OffsetDateTime at = row.getOffsetDateTime(1);
            return Optional.of(new DoNotContact(row.getString(0), at == null ? null : at.toInstant()));
        });
    }

    /**
     * Moves the consent of each merged profile (the keys of {@code survivors}) to its survivor, with
     * the rules automation-service applies to {@code cm.profile-merged}. A do-not-contact mark on
     * either side wins, so the survivor takes the merged profile's mark unless its own mark is at
     * least as recent, and no clear made before the merge lifts a mark. For each channel and
     * purpose the state with the later {@code updated_at} wins, and at equal times the stricter one
     * (withdrawn over pending over confirmed).
     * <p>
     * Each carried mark or state is added to the survivor's consent history as "merged from
     * &lt;key&gt;" at {@code now}. The merged profile's purpose rows are deleted, so a second call
     * for the same merges changes nothing. The merged profile's history stays under its own key.
     */
    public Uni<Void> carryOver(SqlClient client, Map<String, String> survivors, Instant now) {
        if (survivors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple parameters = Tuple.of(survivors.keySet().toArray(String[]::new),
                survivors.values().toArray(String[]::new), now.atOffset(ZoneOffset.UTC));
        return client.preparedQuery(CARRY_MARK).execute(parameters)
                .chain(() -> client.preparedQuery(CARRY_PURPOSES).execute(parameters))
                .replaceWithVoid();
    }
}
