package io.channelmind.profile.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes consent per purpose, the consent history and manual do-not-contact marks. */
@ApplicationScoped
public class ConsentRecords {

    private static final String UPSERT = """
            insert into consent_purpose (profile_key, channel, purpose, state, requested_at, confirmed_at, withdrawn_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (profile_key, channel, purpose) do update set
                state = excluded.state,
                requested_at = coalesce(excluded.requested_at, consent_purpose.requested_at),
                confirmed_at = case when excluded.state = 'pending' then null
                                    else coalesce(excluded.confirmed_at, consent_purpose.confirmed_at) end,
                withdrawn_at = coalesce(excluded.withdrawn_at, consent_purpose.withdrawn_at),
                updated_at = excluded.updated_at
            returning state, requested_at, confirmed_at, withdrawn_at""";

    private static final String COLUMNS = "channel, purpose, state, requested_at, confirmed_at, withdrawn_at";

    /** The consent state of one channel and purpose; the times are null until the step happened. */
    public record PurposeConsent(String channel, String purpose, String state, Instant requestedAt,
            Instant confirmedAt, Instant withdrawnAt) {
    }

    /** One change made through the API. */
    public record HistoryEntry(String channel, String purpose, String change, String actor, String note, Instant at) {
    }

    /** Stores the state and returns the stored row. */
    public Uni<PurposeConsent> save(SqlClient client, String profileKey, String channel, String purpose, String state,
            Instant at) {
        Tuple parameters = Tuple.from(List.of(profileKey, channel, purpose, state));
        parameters.addValue(ConsentState.PENDING.equals(state) || ConsentState.CONFIRMED.equals(state) ? utc(at) : null);
        parameters.addValue(ConsentState.CONFIRMED.equals(state) ? utc(at) : null);
        parameters.addValue(ConsentState.WITHDRAWN.equals(state) ? utc(at) : null);
        parameters.addValue(utc(at));
        return client.preparedQuery(UPSERT).execute(parameters).map(rows -> {
            Row row = rows.iterator().next();
            return new PurposeConsent(channel, purpose, row.getString(0), instant(row, 1), instant(row, 2), instant(row, 3));
        });
    }

    /** Returns the stored state of one channel and purpose, or empty when none was ever set. */
    public Uni<Optional<PurposeConsent>> find(SqlClient client, String profileKey, String channel, String purpose) {
        String sql = "select " + COLUMNS + " from consent_purpose where profile_key = $1 and channel = $2 and purpose = $3";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey, channel, purpose))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(purpose(rows.iterator().next())));
    }

    public Uni<List<PurposeConsent>> list(SqlClient client, String profileKey) {
        String sql = "select " + COLUMNS + " from consent_purpose where profile_key = $1 order by channel, purpose";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey)).map(rows -> {
            List<PurposeConsent> found = new ArrayList<>();
            rows.forEach(row -> found.add(purpose(row)));
            return found;
        });
    }

    public Uni<Void> addHistory(SqlClient client, String profileKey, HistoryEntry entry) {
        String sql = "insert into consent_history (profile_key, channel, purpose, change, actor, note, at) "
                + "values ($1, $2, $3, $4, $5, $6, $7)";
        return client.preparedQuery(sql).execute(Tuple.from(List.of(profileKey)).addValue(entry.channel())
                .addValue(entry.purpose()).addValue(entry.change()).addValue(entry.actor()).addValue(entry.note())
                .addValue(utc(entry.at()))).replaceWithVoid();
    }

    /** Returns the history of the profile, oldest first. */
    public Uni<List<HistoryEntry>> history(SqlClient client, String profileKey) {
        String sql = "select channel, purpose, change, actor, note, at from consent_history where profile_key = $1 order by id";
        return client.preparedQuery(sql).execute(Tuple.of(profileKey)).map(rows -> {
            List<HistoryEntry> found = new ArrayList<>();
            rows.forEach(row -> found.add(new HistoryEntry(row.getString(0), row.getString(1), row.getString(2),
                    row.getString(3), row.getString(4), instant(row, 5))));
            return found;
        });
    }

    /**
     * Sets or, with a null reason, clears the do-not-contact mark. The mark time becomes
     * {@code at} either way, so a delivery older than a manual change does not override it.
     */
    public Uni<Void> markDoNotContact(SqlClient client, String profileKey, String reason, String actor, String note,
            Instant at) {
        String sql = "update profile set do_not_contact_reason = $2, do_not_contact_at = $3, do_not_contact_actor = $4, "
                + "do_not_contact_note = $5, updated_at = now() where profile_key = $1";
        return client.preparedQuery(sql).execute(Tuple.from(List.of(profileKey)).addValue(reason).addValue(utc(at))
                .addValue(actor).addValue(note)).replaceWithVoid();
    }

    private static PurposeConsent purpose(Row row) {
        return new PurposeConsent(row.getString(0), row.getString(1), row.getString(2), instant(row, 3),
                instant(row, 4), instant(row, 5));
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
