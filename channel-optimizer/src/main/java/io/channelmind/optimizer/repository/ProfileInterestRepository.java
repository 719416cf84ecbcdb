package io.channelmind.optimizer.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.channelmind.optimizer.client.InterestSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Stores the interest vectors that the newest response model version was trained with. */
@ApplicationScoped
public class ProfileInterestRepository {

    private static final String DELETE_ALL = "delete from profile_interest";

    private static final String INSERT = """
            insert into profile_interest (profile_key, shares, model_version)
            select profile_key, shares, model_version from %s as r(profile_key text, shares jsonb, model_version text)
            """.formatted(JsonRows.EXPAND);

    /** Rows per insert statement, so one JSON parameter stays a few megabytes. */
    static final int CHUNK = 5_000;

    private final JsonRows jsonRows;

    public ProfileInterestRepository(JsonRows jsonRows) {
        this.jsonRows = jsonRows;
    }

    record InterestRow(@JsonProperty("profile_key") String profileKey, Map<String, Double> shares,
            @JsonProperty("model_version") String modelVersion) {
    }

    /**
     * Replaces every stored vector with the snapshot's, or deletes them all when the snapshot is
     * null. Call it inside the transaction that stores the model version.
     */
    public Uni<Void> replaceAll(InterestSnapshot snapshot) {
        List<InterestRow> rows = new ArrayList<>();
        if (snapshot != null) {
            snapshot.vectors().forEach((profileKey, vector) -> {
                Map<String, Double> shares = new LinkedHashMap<>();
                for (int i = 0; i < snapshot.labels().size(); i++) {
                    shares.put(snapshot.labels().get(i), vector[i]);
                }
                rows.add(new InterestRow(profileKey, shares, snapshot.modelVersion()));
            });
        }
        List<List<InterestRow>> chunks = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += CHUNK) {
            chunks.add(rows.subList(start, Math.min(rows.size(), start + CHUNK)));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(DELETE_ALL).executeUpdate()
                .chain(() -> Multi.createFrom().iterable(chunks)
                        .onItem().transformToUniAndConcatenate(chunk -> session.createNativeQuery(INSERT)
                                .setParameter("rows", jsonRows.write(chunk))
                                .executeUpdate())
                        .collect().last()))
                .replaceWithVoid();
    }
}
