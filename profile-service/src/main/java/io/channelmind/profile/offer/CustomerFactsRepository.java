package io.channelmind.profile.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestVector;
import io.channelmind.profile.repository.InterestColumns;
import io.channelmind.profile.repository.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the segment members and the profile columns that segment offer ranking needs. */
@ApplicationScoped
public class CustomerFactsRepository {

    private final JsonColumns json;
    private final InterestEncoder encoder;
    private final OfferActivityRepository activity;

    public CustomerFactsRepository(JsonColumns json, InterestEncoder encoder, OfferActivityRepository activity) {
        this.json = json;
        this.encoder = encoder;
        this.activity = activity;
    }

    /** Returns the first {@code limit} member keys of a segment, in key order. */
    public Uni<List<String>> memberKeys(SqlClient client, String segment, int limit) {
        String sql = "select profile_key from segment_member where segment = $1 order by profile_key limit $2";
        return client.preparedQuery(sql).execute(Tuple.of(segment, limit)).map(rows -> {
            List<String> keys = new ArrayList<>(rows.size());
            rows.forEach(row -> keys.add(row.getString(0)));
            return keys;
        });
    }

    /** Loads the facts of the given profiles; keys without a profile are left out. */
    public Uni<List<CustomerFacts>> facts(SqlClient client, List<String> profileKeys) {
        String sql = """
                select profile_key, traits::text as traits, interest_vector, interest_at, interest_model
                from profile where profile_key = any($1::text[]) order by profile_key""";
        return client.preparedQuery(sql).execute(Tuple.of(profileKeys.toArray(String[]::new)))
                .chain(rows -> activity.of(client, profileKeys).map(byProfile -> {
                    List<CustomerFacts> facts = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String key = row.getString("profile_key");
                        InterestVector interests = InterestColumns.read(row, encoder.modelVersion(), encoder.halfLife());
                        Map<String, Object> traits = json.readObject(row.getString("traits"));
                        facts.add(CustomerFacts.of(key, interests == null ? null : interests.values(), traits,
                                byProfile.getOrDefault(key, List.of())));
                    }
                    return facts;
                }));
    }
}
