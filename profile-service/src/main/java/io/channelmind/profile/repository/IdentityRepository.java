package io.channelmind.profile.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.ProfileMerge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the identity table and the merge history. */
@ApplicationScoped
public class IdentityRepository {

    private static final String RESOLVE = """
            select i.kind, i.value, i.profile_key
            from profile_identity i
            join unnest($1::text[], $2::text[]) as q(kind, value) on i.kind = q.kind and i.value = q.value""";

    private static final String INSERT = """
            insert into profile_identity (kind, value, profile_key)
            select * from unnest($1::text[], $2::text[], $3::text[])
            on conflict (kind, value) do nothing""";

    private static final String MOVE = """
            update profile_identity i set profile_key = m.survivor
            from unnest($1::text[], $2::text[]) as m(merged, survivor)
            where i.profile_key = m.merged""";

    private static final String RECORD_MERGES = """
            insert into profile_merge (surviving_key, merged_key, reason, cause_event_id, occurred_at)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])""";

    /** Returns the stored owner of each of the identities that has one. */
    public Uni<Map<Identity, String>> owners(SqlClient client, Collection<Identity> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] kinds = identities.stream().map(Identity::kind).toArray(String[]::new);
        String[] values = identities.stream().map(Identity::value).toArray(String[]::new);
        return client.preparedQuery(RESOLVE).execute(Tuple.of(kinds, values)).map(IdentityRepository::toOwners);
    }

    /** Returns the profile that owns the identity, if any. */
    public Uni<Optional<String>> owner(SqlClient client, Identity identity) {
        return owners(client, List.of(identity)).map(owners -> Optional.ofNullable(owners.get(identity)));
    }

    /**
     * Inserts the identities and returns how many were new. An identity that another
     * transaction inserted first is skipped, after waiting for that transaction to end.
     */
    public Uni<Integer> insert(SqlClient client, Map<Identity, String> owners) {
        if (owners.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] kinds = owners.keySet().stream().map(Identity::kind).toArray(String[]::new);
        String[] values = owners.keySet().stream().map(Identity::value).toArray(String[]::new);
        String[] profiles = owners.values().toArray(String[]::new);
        return client.preparedQuery(INSERT).execute(Tuple.of(kinds, values, profiles)).map(RowSet::rowCount);
    }

    /** Points every identity of each merged profile (the keys of {@code survivors}) at its survivor. */
    public Uni<Void> move(SqlClient client, Map<String, String> survivors) {
        if (survivors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple parameters = Tuple.of(survivors.keySet().toArray(String[]::new),
                survivors.values().toArray(String[]::new));
        return client.preparedQuery(MOVE).execute(parameters).replaceWithVoid();
    }

    public Uni<Void> recordMerges(SqlClient client, List<ProfileMerge> merges) {
        if (merges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple parameters = Tuple.from(List.of(
                merges.stream().map(ProfileMerge::survivingKey).toArray(String[]::new),
                merges.stream().map(ProfileMerge::mergedKey).toArray(String[]::new),
                merges.stream().map(ProfileMerge::reason).toArray(String[]::new),
                merges.stream().map(ProfileMerge::causeEventId).toArray(String[]::new),
                merges.stream().map(merge -> merge.occurredAt().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new)));
        return client.preparedQuery(RECORD_MERGES).execute(parameters).replaceWithVoid();
    }

    /**
     * Returns the merges into the profile, oldest first, including the merges into profiles that
     * were later merged into it. Each names the survivor at the time of that merge.
     */
    public Uni<List<ProfileMerge>> mergesInto(SqlClient client, String profileKey) {
        String sql = """
                with recursive chain as (
                    select * from profile_merge where surviving_key = $1
                    union
                    select m.* from profile_merge m join chain c on m.surviving_key = c.merged_key
                )
                select surviving_key, merged_key, reason, cause_event_id, occurred_at from chain order by id""";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey)).map(rows -> {
            List<ProfileMerge> merges = new ArrayList<>();
            for (Row row : rows) {
                merges.add(new ProfileMerge(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                        row.getOffsetDateTime(4).toInstant()));
            }
            return merges;
        });
    }

    /** Returns the identities of the profile, sorted. */
    public Uni<List<Identity>> identitiesOf(SqlClient client, String profileKey) {
        String sql = "select kind, value from profile_identity where profile_key = $1 order by kind, value";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey)).map(rows -> {
            List<Identity> identities = new ArrayList<>();
            rows.forEach(row -> identities.add(new Identity(row.getString(0), row.getString(1))));
            return identities;
        });
    }

    private static Map<Identity, String> toOwners(RowSet<Row> rows) {
        Map<Identity, String> owners = new TreeMap<>();
        rows.forEach(row -> owners.put(new Identity(row.getString("kind"), row.getString("value")),
                row.getString("profile_key")));
        return owners;
    }
}
