package io.channelmind.profile.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.interest.InterestVector;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the interest vectors of profiles, for similar-profile search and the vector pages. */
@ApplicationScoped
public class InterestRepository {

    private static final String COLUMNS = "profile_key, interest_vector, interest_at, interest_model";

    private final InterestEncoder encoder;

    public InterestRepository(InterestEncoder encoder) {
        this.encoder = encoder;
    }

    /** A profile's key and its interest vector of the current model version. */
    public record StoredInterest(String profileKey, InterestVector interests) {
    }

    /** Loads up to {@code limit} vectors of the current model version with keys after {@code after}, in key order. */
    public Uni<List<StoredInterest>> page(SqlClient client, String after, int limit) {
        String sql = "select " + COLUMNS + " from profile where profile_key > $1 and interest_vector is not null"
                + " and interest_model = $2 order by profile_key limit $3";
        return client.preparedQuery(sql).execute(Tuple.of(after, encoder.modelVersion(), limit)).map(this::toStored);
    }

    /**
     * Loads every vector of the current model version. The similar-profile search scans them all,
     * about 200 bytes per profile, so about 20 MB per request at 100,000 profiles (an estimate).
     * TODO: an approximate nearest-neighbour index (pgvector HNSW, for example) beyond that size.
     */
    public Uni<List<StoredInterest>> all(SqlClient client) {
        String sql = "select " + COLUMNS + " from profile where interest_vector is not null and interest_model = $1";
        return client.preparedQuery(sql).execute(Tuple.of(encoder.modelVersion())).map(this::toStored);
    }

    private List<StoredInterest> toStored(RowSet<Row> rows) {
        List<StoredInterest> stored = new ArrayList<>(rows.size());
        for (Row row : rows) {
            InterestVector vector = InterestColumns.read(row, encoder.modelVersion(), encoder.halfLife());
            if (vector != null) {
                stored.add(new StoredInterest(row.getString("profile_key"), vector));
            }
        }
        return stored;
    }
}
