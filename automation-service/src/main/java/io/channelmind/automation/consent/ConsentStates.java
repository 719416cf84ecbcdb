package io.channelmind.automation.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the consent states and do-not-contact marks of cm.consent-changes and reads them for a
 * send. A change replaces the stored one only when its time is later, so a redelivered event and
 * an older event that arrives late change nothing. At equal times the stricter value stays:
 * withdrawn over pending over confirmed, and a mark over a clear.
 */
@ApplicationScoped
public class ConsentStates {

    /** Channel of the marks and clears that cover every channel. */
    static final String EVERY_CHANNEL = "*";

    private static final String STATE_RANK = "case %s when 'withdrawn' then 2 when 'pending' then 1 else 0 end";
    private static final String SAVE_CONSENT = """
            insert into consent_purpose (profile_key, channel, purpose, state, changed_at, event_id, received_at)
            values ($1, $2, $3, $4, $5, $6, now())
            on conflict (profile_key, channel, purpose) do update
                set state = excluded.state, changed_at = excluded.changed_at, event_id = excluded.event_id,
                    received_at = excluded.received_at
                where (excluded.changed_at, %s) > (consent_purpose.changed_at, %s)
            """.formatted(STATE_RANK.formatted("excluded.state"), STATE_RANK.formatted("consent_purpose.state"));
    private static final String SAVE_MARK = """
            insert into consent_mark (profile_key, channel, reason, changed_at, event_id, received_at)
            values ($1, $2, $3, $4, $5, now())
            on conflict (profile_key, channel) do update
                set reason = excluded.reason, changed_at = excluded.changed_at, event_id = excluded.event_id,
                    received_at = excluded.received_at
                where (excluded.changed_at, excluded.reason is not null)
                    > (consent_mark.changed_at, consent_mark.reason is not null)
            """;
    // The newest mark or clear among the send's channels and '*' decides, and a mark wins at equal
    // times. Of the purpose states of the send's channels, the strictest decides. Each parameter
    // is used once and in order, so the JDBC form only swaps $n for ?.
    private static final String LOOKUP = """
            select (select m.reason from consent_mark m
                    where m.profile_key = $1 and m.channel in ('*', $2, $3)
                    order by m.changed_at desc, m.reason is null limit 1) as do_not_contact,
                   (select p.state from consent_purpose p
                    where p.profile_key = $4 and p.channel in ($5, $6) and p.purpose = $7
                    order by case p.state when 'withdrawn' then 0 when 'pending' then 1 else 2 end limit 1) as consent
            """;
    private static final String LOOKUP_JDBC = LOOKUP.replaceAll("\\$\\d+", "?");

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
     * Stores the change and returns false when a newer or equal change was stored before.
     *
     * <p>NOTE: rows stay under their profile key when profile-service merges that profile into
     * another, because this service does not read cm.profile-merged yet.
     */
    public Uni<Boolean> save(ConsentChange change) {
        Tuple values = switch (change.kind()) {
            case CONSENT -> Tuple.of(change.profileKey(), change.channel(), change.purpose(), change.state(),
                    change.at().atOffset(ZoneOffset.UTC), change.eventId());
            case MARK, CLEAR -> Tuple.of(change.profileKey(),
                    change.channel() == null ? EVERY_CHANNEL : change.channel(), change.reason(),
                    change.at().atOffset(ZoneOffset.UTC), change.eventId());
        };
        String sql = change.kind() == ConsentChange.Kind.CONSENT ? SAVE_CONSENT : SAVE_MARK;
        return pool.preparedQuery(sql).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Reads the state for a send on {@code channels}: the send's channel, and for phone-type
     * channels also {@code sms}.
     */
    public Uni<State> lookup(String profileKey, ConsentRules.Channels channels, String purpose) {
        Tuple values = Tuple.of(profileKey, channels.channel(), channels.alsoChecked(), profileKey, channels.channel(),
                channels.alsoChecked()).addString(purpose);
        return pool.preparedQuery(LOOKUP).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new State(row.getString("do_not_contact"), row.getString("consent"));
        });
    }

    /** Reads the state on a JDBC connection, for the journey engine's blocking transactions. */
    public static State lookup(Connection connection, String profileKey, ConsentRules.Channels channels, String purpose)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOOKUP_JDBC)) {
            select.setString(1, profileKey);
            select.setString(2, channels.channel());
            select.setString(3, channels.alsoChecked());
            select.setString(4, profileKey);
            select.setString(5, channels.channel());
            select.setString(6, channels.alsoChecked());
            select.setString(7, purpose);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new State(row.getString("do_not_contact"), row.getString("consent"));
            }
        }
    }
}
