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

/** Reads and writes the do-not-contact state of profiles. */
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
     * Copies the do-not-contact mark of each merged profile (the keys of {@code survivors}) to
     * its survivor when it is more recent than the survivor's own, so a merge never drops one.
     */
    public Uni<Void> carryOver(SqlClient client, Map<String, String> survivors) {
        if (survivors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = """
                update profile s set do_not_contact_reason = m.do_not_contact_reason,
                                     do_not_contact_at = m.do_not_contact_at
                from unnest($1::text[], $2::text[]) as x(merged, survivor)
                join profile m on m.profile_key = x.merged
                where s.profile_key = x.survivor and m.do_not_contact_at is not null
                  and (s.do_not_contact_at is null or s.do_not_contact_at < m.do_not_contact_at)""";
        return client.preparedQuery(sql).execute(Tuple.of(survivors.keySet().toArray(String[]::new),
                survivors.values().toArray(String[]::new))).replaceWithVoid();
    }
}
