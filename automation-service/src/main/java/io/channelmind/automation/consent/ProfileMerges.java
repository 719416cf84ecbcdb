package io.channelmind.automation.consent;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.privacy.ErasedProfiles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the merges of cm.profile-merged as a closure table, {@code profile_merge}: a row for each
 * profile key and every profile it was merged into, directly or through a chain. Readers use
 * {@link #personKeys} to find every key of the person that a key belongs to.
 *
 * <p>A merge adds a row for the merged key and each key merged into it, paired with the survivor
 * and each profile the survivor was merged into. {@code joined_at} is the latest merge time on the
 * way, so the table comes out the same whichever order the merges of a chain arrive in.
 */
@ApplicationScoped
public class ProfileMerges {

    /** Outcome of storing a merge. */
    public enum Outcome {
        STORED, REPLAYED, CYCLE, ERASED
    }

    /**
     * SQL that defines the common table {@code person} with one {@code key} row per profile key of
     * the person that the key in {@code %1$s} belongs to: the final survivor and every key merged
     * into it. Format it with the parameter marker ({@code $1} or {@code ?}) and follow it with a
     * select; the JDBC form binds the key twice.
     */
    public static final String PERSON_KEYS = """
            with person_root as (
                select coalesce((select m.survivor_key from profile_merge m
                                 where m.profile_key = %1$s
                                   and not exists (select 1 from profile_merge r where r.profile_key = m.survivor_key)),
                                %1$s) as key),
            person as (
                select key from person_root
                union
                select m.profile_key from profile_merge m join person_root on m.survivor_key = person_root.key)
            """;

    // Serialises merges, so two chain links stored at once by two instances still add the row that
    // connects their ends. Readers take no lock that this mode blocks.
    private static final String LOCK = "lock table profile_merge in exclusive mode";
    private static final String CYCLE = """
            select exists (select 1 from profile_merge where profile_key = $1 and survivor_key = $2)""";
    // $1 and $2 the digests of the two keys, $3 the merge time.
    private static final String ERASED = """
            select exists (select 1 from erased_profile where key_digest in ($1, $2) and erased_at >= $3)""";
    private static final String SAVE = """
            insert into profile_merge (profile_key, survivor_key, joined_at, event_id, received_at)
            select merged.key, survivor.key, greatest(merged.joined_at, survivor.joined_at), $4, now()
            from (select $1::text as key, $3::timestamptz as joined_at
                  union all
                  select profile_key, greatest(joined_at, $3) from profile_merge where survivor_key = $1) merged
            cross join (select $2::text as key, $3::timestamptz as joined_at
                        union all
                        select survivor_key, greatest(joined_at, $3) from profile_merge where profile_key = $2) survivor
            on conflict (profile_key, survivor_key) do nothing
            """;

    private final Pool pool;

    public ProfileMerges(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the merge in one transaction. Returns REPLAYED when every row was stored before, and
     * CYCLE, storing nothing, when the survivor was itself merged into the merged key before.
     * Returns ERASED, storing nothing, when a privacy request erased either key at or after the
     * merge, so a merge read after the erasure does not store the person's keys again.
     */
    public Uni<Outcome> save(ProfileMerge merge) {
        return pool.withTransaction(connection -> connection.query(LOCK).execute()
                .chain(() -> connection.preparedQuery(CYCLE)
                        .execute(Tuple.of(merge.survivingProfileKey(), merge.mergedProfileKey())))
                .chain(cycle -> cycle.iterator().next().getBoolean(0) ? Uni.createFrom().item(Outcome.CYCLE)
                        : connection.preparedQuery(ERASED).execute(Tuple.of(ErasedProfiles.digest(merge.mergedProfileKey()),
                                ErasedProfiles.digest(merge.survivingProfileKey()), merge.mergedAt().atOffset(ZoneOffset.UTC)))
                                .map(erased -> erased.iterator().next().getBoolean(0) ? Outcome.ERASED : null))
                .chain(refused -> {
                    if (refused != null) {
                        return Uni.createFrom().item(refused);
                    }
                    Tuple values = Tuple.of(merge.mergedProfileKey(), merge.survivingProfileKey(),
                            merge.mergedAt().atOffset(ZoneOffset.UTC), merge.eventId());
                    return connection.preparedQuery(SAVE).execute(values)
                            .map(rows -> rows.rowCount() > 0 ? Outcome.STORED : Outcome.REPLAYED);
                }));
    }
}
