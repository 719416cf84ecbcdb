package io.channelmind.content.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.domain.StoredModelChoice;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores the models chosen per brand and channel in {@code model_choice}. The table uses an
 * empty string for "any brand" or "any channel"; this class turns it into null both ways.
 */
@ApplicationScoped
public class ModelChoiceRepository {

    private static final String UPSERT = """
            INSERT INTO model_choice (brand, channel, model, fine_tuning_job_id, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (brand, channel) DO UPDATE
            SET model = EXCLUDED.model, fine_tuning_job_id = EXCLUDED.fine_tuning_job_id, updated_at = EXCLUDED.updated_at""";

    private final Pool pool;

    public ModelChoiceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Returns every stored choice, ordered by brand and channel. */
    public Uni<List<StoredModelChoice>> findAll() {
        return pool.query("SELECT brand, channel, model, fine_tuning_job_id, updated_at FROM model_choice ORDER BY brand, channel")
                .execute()
                .map(rows -> {
                    List<StoredModelChoice> choices = new ArrayList<>();
                    for (Row row : rows) {
                        choices.add(toChoice(row));
                    }
                    return choices;
                });
    }

    /** Inserts the choice, or replaces the model of the same brand and channel. */
    public Uni<StoredModelChoice> save(StoredModelChoice choice) {
        Tuple values = Tuple.of(key(choice.brand()), key(choice.channel()), choice.model(), choice.fineTuningJobId(),
                choice.updatedAt().atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(UPSERT).execute(values).replaceWith(choice);
    }

    /** Deletes the choice of a brand and channel; emits whether one was stored. */
    public Uni<Boolean> delete(String brand, String channel) {
        return pool.preparedQuery("DELETE FROM model_choice WHERE brand = $1 AND channel = $2")
                .execute(Tuple.of(key(brand), key(channel)))
                .map(rows -> rows.rowCount() > 0);
    }

    private static StoredModelChoice toChoice(Row row) {
        Instant updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return new StoredModelChoice(value(row.getString("brand")), value(row.getString("channel")), row.getString("model"),
                row.getString("fine_tuning_job_id"), updatedAt);
    }

    private static String key(String value) {
        return value == null ? "" : value;
    }

    private static String value(String key) {
        return key.isEmpty() ? null : key;
    }
}
