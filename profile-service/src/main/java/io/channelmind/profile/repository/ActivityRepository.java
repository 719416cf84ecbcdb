package io.channelmind.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.domain.Activity;
import io.channelmind.profile.rule.WindowTotals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stores the events that rule windows count and sums them per profile and window. */
@ApplicationScoped
public class ActivityRepository {

    /** A window of one event kind over the times {@code (since, until]}. */
    public record Span(String kind, Instant since, Instant until) {
    }

    private static final String INSERT = """
            insert into profile_activity (profile_key, event_id, kind, occurred_at, value)
            select k, e, ki, oc, va::numeric
            from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) as d(k, e, ki, oc, va)
            on conflict (profile_key, event_id) do nothing""";

    private static final String TOTALS = """
            select a.profile_key, w.i, count(*), coalesce(sum(a.value), 0)
            from unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) with ordinality as w(kind, since, until, i)
            join profile_activity a
                 on a.kind = w.kind and a.occurred_at > w.since and a.occurred_at <= w.until
            where a.profile_key = any($1::text[])
            group by a.profile_key, w.i""";

    public Uni<Void> insert(SqlClient client, List<Activity> activities) {
        if (activities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = activities.size();
        String[] keys = new String[size];
        String[] eventIds = new String[size];
        String[] kinds = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] values = new String[size];
        for (int i = 0; i < size; i++) {
            Activity activity = activities.get(i);
            keys[i] = activity.profileKey();
            eventIds[i] = activity.eventId();
            kinds[i] = activity.kind();
            times[i] = activity.occurredAt().atOffset(ZoneOffset.UTC);
            values[i] = activity.value() == null ? null : activity.value().toPlainString();
        }
        return client.preparedQuery(INSERT).execute(Tuple.from(List.of(keys, eventIds, kinds, times, values)))
                .replaceWithVoid();
    }

    /**
     * Returns, per profile key, the totals of each span that has events; a span without events
     * for a profile is absent.
     */
    public Uni<Map<String, Map<Span, WindowTotals>>> totals(SqlClient client, Collection<String> keys,
            List<Span> spans) {
        if (spans.isEmpty() || keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] kinds = spans.stream().map(Span::kind).toArray(String[]::new);
        OffsetDateTime[] since = spans.stream().map(span -> span.since().atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        OffsetDateTime[] until = spans.stream().map(span -> span.until().atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        Tuple parameters = Tuple.of(keys.toArray(String[]::new), kinds, since, until);
        return client.preparedQuery(TOTALS).execute(parameters).map(rows -> {
            Map<String, Map<Span, WindowTotals>> totals = new HashMap<>();
            for (Row row : rows) {
                Span span = spans.get(row.getLong(1).intValue() - 1);
                totals.computeIfAbsent(row.getString(0), key -> new HashMap<>())
                        .put(span, new WindowTotals(row.getLong(2), row.getBigDecimal(3)));
            }
            return totals;
        });
    }
}
