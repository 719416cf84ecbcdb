package io.channelmind.profile.offer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stores and reads the offer activity of profiles in {@code profile_offer_activity}. */
@ApplicationScoped
public class OfferActivityRepository {

    private static final String INSERT = """
            insert into profile_offer_activity (profile_key, event_id, item, kind, offer_id, category, occurred_at)
            select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
                                 $7::timestamptz[])
            on conflict (profile_key, event_id, item) do nothing""";

    /** Inserts the rows; a row of an event already stored is skipped, so replays add nothing. */
    public Uni<Void> insert(SqlClient client, List<OfferActivity> activities) {
        if (activities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = activities.size();
        String[] keys = new String[size];
        String[] eventIds = new String[size];
        Integer[] items = new Integer[size];
        String[] kinds = new String[size];
        String[] offerIds = new String[size];
        String[] categories = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            OfferActivity activity = activities.get(i);
            keys[i] = activity.profileKey();
            eventIds[i] = activity.eventId();
            items[i] = activity.item();
            kinds[i] = activity.kind();
            offerIds[i] = activity.offerId();
            categories[i] = activity.category();
            times[i] = activity.occurredAt().atOffset(ZoneOffset.UTC);
        }
        Tuple parameters = Tuple.tuple(List.of(keys, eventIds, items, kinds, offerIds, categories, times));
        return client.preparedQuery(INSERT).execute(parameters).replaceWithVoid();
    }

    /** Loads the rows of the given profiles, by profile key. */
    public Uni<Map<String, List<OfferActivity>>> of(SqlClient client, Collection<String> profileKeys) {
        String sql = """
                select profile_key, event_id, item, kind, offer_id, category, occurred_at
                from profile_offer_activity where profile_key = any($1::text[])""";
        return client.preparedQuery(sql).execute(Tuple.of(profileKeys.toArray(String[]::new))).map(rows -> {
            Map<String, List<OfferActivity>> byProfile = new HashMap<>();
            rows.forEach(row -> byProfile.computeIfAbsent(row.getString(0), key -> new ArrayList<>())
                    .add(new OfferActivity(row.getString(0), row.getString(1), row.getInteger(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getOffsetDateTime(6).toInstant())));
            return byProfile;
        });
    }
}
