package io.channelmind.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Membership;
import io.channelmind.profile.domain.SegmentMember;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stores segment members with set-based SQL on the reactive client. */
@ApplicationScoped
public class SegmentMemberRepository {

    private final JsonColumns json;
    private final ContactPointColumns contactPoints;

    public SegmentMemberRepository(JsonColumns json, ContactPointColumns contactPoints) {
        this.json = json;
        this.contactPoints = contactPoints;
    }

    /** Returns the member count of every segment that has members. */
    public Uni<Map<String, Long>> sizes(SqlClient client) {
        return client.query("select segment, count(*) from segment_member group by segment").execute()
                .map(rows -> {
                    Map<String, Long> sizes = new HashMap<>();
                    rows.forEach(row -> sizes.put(row.getString(0), row.getLong(1)));
                    return sizes;
                });
    }

    public Uni<Long> size(SqlClient client, String segment) {
        return client.preparedQuery("select count(*) from segment_member where segment = $1")
                .execute(Tuple.of(segment))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Returns the memberships of the given profiles in the given segments. */
    public Uni<Set<Membership>> memberships(SqlClient client, Collection<String> segments,
            Collection<String> profileKeys) {
        String sql = """
                select segment, profile_key from segment_member
                where segment = any($1::text[]) and profile_key = any($2::text[])""";
        Tuple parameters = Tuple.of(segments.toArray(String[]::new), profileKeys.toArray(String[]::new));
        return client.preparedQuery(sql).execute(parameters).map(rows -> {
            Set<Membership> memberships = new HashSet<>();
            rows.forEach(row -> memberships.add(new Membership(row.getString(0), row.getString(1))));
            return memberships;
        });
    }

    /** Applies membership changes: inserts entries and deletes exits. */
    public Uni<Void> apply(SqlClient client, List<SegmentMembershipEvent> changes) {
        List<SegmentMembershipEvent> entered = changes.stream().filter(SegmentMembershipEvent::member).toList();
        List<SegmentMembershipEvent> left = changes.stream().filter(change -> !change.member()).toList();
        String insert = """
                insert into segment_member (segment, profile_key, since)
                select * from unnest($1::text[], $2::text[], $3::timestamptz[])
                on conflict do nothing""";
        String delete = """
                delete from segment_member m using unnest($1::text[], $2::text[]) as d(segment, profile_key)
                where m.segment = d.segment and m.profile_key = d.profile_key""";
        Uni<Void> inserted = entered.isEmpty() ? Uni.createFrom().voidItem()
                : client.preparedQuery(insert).execute(Tuple.of(segments(entered), profileKeys(entered), times(entered)))
                        .replaceWithVoid();
        return inserted.chain(() -> left.isEmpty() ? Uni.createFrom().voidItem()
                : client.preparedQuery(delete).execute(Tuple.of(segments(left), profileKeys(left))).replaceWithVoid());
    }

    /** Deletes every membership of the profiles and returns the exits, to publish after the commit. */
    public Uni<List<SegmentMembershipEvent>> removeAll(SqlClient client, Collection<String> profileKeys, Instant at) {
        if (profileKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "delete from segment_member where profile_key = any($1::text[]) returning segment, profile_key";
        return client.preparedQuery(sql).execute(Tuple.of((Object) profileKeys.toArray(String[]::new))).map(rows -> {
            List<SegmentMembershipEvent> exits = new ArrayList<>(rows.size());
            rows.forEach(row -> exits.add(SegmentMembershipEvent.of(row.getString(0), row.getString(1), false, at)));
            return exits;
        });
    }

    /** Loads up to {@code limit} members with keys after {@code after}, in key order, with their contact points. */
    public Uni<List<SegmentMember>> members(SqlClient client, String segment, String after, int limit) {
        String sql = """
                select p.profile_key, p.email, p.phone, p.first_name, p.email_encrypted, p.phone_encrypted,
                       p.first_name_encrypted, p.locale, p.time_zone, p.consent::text as consent
                from segment_member m join profile p on p.profile_key = m.profile_key
                where m.segment = $1 and m.profile_key > $2
                order by m.profile_key limit $3""";
        return client.preparedQuery(sql).execute(Tuple.of(segment, after, limit)).map(rows -> {
            List<SegmentMember> members = new ArrayList<>(rows.size());
            rows.forEach(row -> members.add(new SegmentMember(row.getString("profile_key"),
                    contactPoints.read(row, ContactPointColumns.EMAIL), contactPoints.read(row, ContactPointColumns.PHONE),
                    contactPoints.read(row, ContactPointColumns.FIRST_NAME), row.getString("locale"),
                    row.getString("time_zone"), json.readBooleans(row.getString("consent")))));
            return members;
        });
    }

    private static String[] segments(List<SegmentMembershipEvent> changes) {
        return changes.stream().map(SegmentMembershipEvent::segment).toArray(String[]::new);
    }

    private static String[] profileKeys(List<SegmentMembershipEvent> changes) {
        return changes.stream().map(SegmentMembershipEvent::profileKey).toArray(String[]::new);
    }

    private static OffsetDateTime[] times(List<SegmentMembershipEvent> changes) {
        return changes.stream().map(change -> change.at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
    }
}
