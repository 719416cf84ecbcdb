package io.channelmind.automation.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.privacy.ErasedProfiles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the consent states and do-not-contact marks of cm.consent-changes and reads them for a
 * send. A change replaces the stored one only when its time is later, so a redelivered event and
 * an older event that arrives late change nothing. At equal times the stricter value stays:
 * withdrawn over pending over confirmed, and a mark over a clear.
 *
 * <p>A change of a profile key that a privacy request erased at or after the change's time is
 * dropped, so a change that was published before the erasure and read after it does not store the
 * person again. NOTE: nothing locks the key against a running erasure. A change stored while the
 * erasure deletes, before it commits, can survive it.
 */
@ApplicationScoped
public class ConsentStates {

    /** Channel of the marks and clears that cover every channel. */
    static final String EVERY_CHANNEL = "*";

    private static final String STATE_RANK = "case %s when 'withdrawn' then 2 when 'pending' then 1 else 0 end";
    // $7 (consent) or $6 (mark): the digest of the profile key in erased_profile.
    private static final String NOT_ERASED = """
            where not exists (select 1 from erased_profile e where e.key_digest = $%d and e.erased_at >= $%d)
            """;
    private static final String SAVE_CONSENT = """
            insert into consent_purpose (profile_key, channel, purpose, state, changed_at, event_id, received_at)
            select $1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::text, now()
            %s
            on conflict (profile_key, channel, purpose) do update
                set state = excluded.state, changed_at = excluded.changed_at, event_id = excluded.event_id,
                    received_at = excluded.received_at
                where (excluded.changed_at, %s) > (consent_purpose.changed_at, %s)
            """.formatted(NOT_ERASED.formatted(7, 5), STATE_RANK.formatted("excluded.state"),
                    STATE_RANK.formatted("consent_purpose.state"));
    private static final String SAVE_MARK = """
            insert into consent_mark (profile_key, channel, reason, changed_at, event_id, received_at)
            select $1::text, $2::text, $3::text, $4::timestamptz, $5::text, now()
            %s
            on conflict (profile_key, channel) do update
                set reason = excluded.reason, changed_at = excluded.changed_at, event_id = excluded.event_id,
                    received_at = excluded.received_at
                where (excluded.changed_at, excluded.reason is not null)
                    > (consent_mark.changed_at, consent_mark.reason is not null)
            """.formatted(NOT_ERASED.formatted(6, 4));
    // Reads every key of the person: the send's key, the survivor it was merged into and every key
    // merged into that survivor. A mark on the send's channels or '*' stops the send unless a later
    // clear lifted it. A clear lifts the marks stored under its own key. It also lifts the marks of
    // a key merged into its key, if it was made at or after that merge. So the merged key's clears
    // never lift the survivor's marks. A mark wins at equal times. Of the purpose states, the newest per channel across the keys decides, the
    // stricter at equal times, and then the strictest of the send's channels. Parameters: $1 the
    // profile key, $2 and $3 the channels, $4 the purpose.
    private static final String LOOKUP = ProfileMerges.PERSON_KEYS.formatted("$1") + """
            , marks as (
                select c.profile_key, c.reason, c.changed_at from consent_mark c
                where c.profile_key in (select key from person) and c.channel in ('*', $2, $3)),
            purposes as (
                select distinct on (p.channel) p.state from consent_purpose p
                where p.profile_key in (select key from person) and p.channel in ($2, $3) and p.purpose = $4
                order by p.channel, p.changed_at desc, %s desc)
            select (select m.reason from marks m
                    where m.reason is not null
                      and not exists (
                          select 1 from marks c
                          where c.reason is null and c.changed_at > m.changed_at
                            and (c.profile_key = m.profile_key
                                 or exists (select 1 from profile_merge j
                                            where j.profile_key = m.profile_key and j.survivor_key = c.profile_key
                                              and j.joined_at <= c.changed_at)))
                    order by m.changed_at desc limit 1) as do_not_contact,
                   (select state from purposes order by %s desc limit 1) as consent
            """.formatted(STATE_RANK.formatted("p.state"), STATE_RANK.formatted("state"));
    // The JDBC form binds each occurrence of $n in order.
    private static final String LOOKUP_JDBC = LOOKUP.replaceAll("\\$\\d+", "?");
    private static final int[] LOOKUP_JDBC_PARAMETERS = Pattern.compile("\\$(\\d+)").matcher(LOOKUP).results()
            .mapToInt(match -> Integer.parseInt(match.group(1))).toArray();

    private final Pool pool;

    public ConsentStates(Pool pool) {
        this.pool = pool;
    }

    /**
     * The latest consent changes of a profile on the channels of a send. The do-not-contact reason
     * is null when no mark is set, and the strictest consent state for the purpose is null when no
     * change for that purpose was received.
     */
    public record State(String doNotContactReason, String consent) {
    }

    /**
     * Stores the change under the profile key it names and returns false when a newer or equal
     * change was stored before, or when the key was erased at or after the change. A merge does not move rows: {@link #lookup} reads the keys merged
     * into a profile with it.
     */
    public Uni<Boolean> save(ConsentChange change) {
        String digest = ErasedProfiles.digest(change.profileKey());
        Tuple values = switch (change.kind()) {
            case CONSENT -> Tuple.of(change.profileKey(), change.channel(), change.purpose(), change.state(),
                    change.at().atOffset(ZoneOffset.UTC), change.eventId()).addString(digest);
            case MARK, CLEAR -> Tuple.of(change.profileKey(),
                    change.channel() == null ? EVERY_CHANNEL : change.channel(), change.reason(),
                    change.at().atOffset(ZoneOffset.UTC), change.eventId(), digest);
        };
        String sql = change.kind() == ConsentChange.Kind.CONSENT ? SAVE_CONSENT : SAVE_MARK;
        return pool.preparedQuery(sql).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Reads the state for a send on {@code channels}: the send's channel, and for phone-type
     * channels also {@code sms}.
     */
    public Uni<State> lookup(String profileKey, ConsentRules.Channels channels, String purpose) {
        Tuple values = Tuple.of(profileKey, channels.channel(), channels.alsoChecked(), purpose);
        return pool.preparedQuery(LOOKUP).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new State(row.getString("do_not_contact"), row.getString("consent"));
        });
    }

    /** Reads the state on a JDBC connection, for the journey engine's blocking transactions. */
    public static State lookup(Connection connection, String profileKey, ConsentRules.Channels channels, String purpose)
            throws SQLException {
        String[] values = { profileKey, channels.channel(), channels.alsoChecked(), purpose };
        try (PreparedStatement select = connection.prepareStatement(LOOKUP_JDBC)) {
            for (int index = 0; index < LOOKUP_JDBC_PARAMETERS.length; index++) {
                select.setString(index + 1, values[LOOKUP_JDBC_PARAMETERS[index] - 1]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new State(row.getString("do_not_contact"), row.getString("consent"));
            }
        }
    }
}
