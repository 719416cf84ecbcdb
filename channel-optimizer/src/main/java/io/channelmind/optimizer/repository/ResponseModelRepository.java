package io.channelmind.optimizer.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.bias.BiasReport;
import io.channelmind.optimizer.model.InterestEmbeddingReport;
import io.channelmind.optimizer.model.ModelEvaluation;
import io.channelmind.optimizer.model.ResponseModel;
import io.channelmind.optimizer.model.StoredResponseModel;
import io.channelmind.optimizer.model.TrainingResult;
import io.channelmind.optimizer.model.TrainingSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stores response model versions as JSON documents and reads them back. */
@ApplicationScoped
public class ResponseModelRepository {

    private static final String INSERT = """
            insert into response_model (settings, model, evaluation, bias, embeddings)
            values (cast(cast(:settings as text) as jsonb), cast(cast(:model as text) as jsonb),
                    cast(cast(:evaluation as text) as jsonb), cast(cast(:bias as text) as jsonb),
                    cast(cast(:embeddings as text) as jsonb))
            returning version, created_at
            """;

    private static final String COLUMNS = """
            select version, created_at, cast(settings as text), cast(evaluation as text), cast(bias as text),
                   cast(embeddings as text), %s
            from response_model
            """;

    private static final String LIST = COLUMNS.formatted("null") + " order by version desc";
    private static final String FIND = COLUMNS.formatted("cast(model as text)") + " where version = :version";
    private static final String LATEST = COLUMNS.formatted("cast(model as text)") + " order by version desc limit 1";

    private final ObjectMapper json;

    public ResponseModelRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Inserts a new version and returns it with its number and creation time. */
    public Uni<StoredResponseModel> insert(TrainingSettings settings, TrainingResult result) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT, Object[].class)
                        .setParameter("settings", write(settings))
                        .setParameter("model", write(result.model()))
                        .setParameter("evaluation", write(result.evaluation()))
                        .setParameter("bias", write(result.bias()))
                        .setParameter("embeddings", write(result.embeddings()))
                        .getSingleResult())
                .map(row -> new StoredResponseModel(((Number) row[0]).longValue(), timestamp(row[1]), settings,
                        result.evaluation(), result.bias(), result.embeddings(), result.model()));
    }

    /** Returns every version, newest first, without the fitted models. */
    public Uni<List<StoredResponseModel>> list() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LIST, Object[].class).getResultList())
                .map(rows -> rows.stream().map(this::read).toList());
    }

    /** Returns the version with its model, or null when no version has the number. */
    public Uni<StoredResponseModel> find(long version) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND, Object[].class)
                        .setParameter("version", version)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0)));
    }

    /** Returns the newest version with its model, or null before the first training run. */
    public Uni<StoredResponseModel> latest() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LATEST, Object[].class).getResultList())
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0)));
    }

    private StoredResponseModel read(Object[] row) {
        try {
            return new StoredResponseModel(((Number) row[0]).longValue(), timestamp(row[1]),
                    json.readValue((String) row[2], TrainingSettings.class),
                    json.readValue((String) row[3], ModelEvaluation.class),
                    json.readValue((String) row[4], BiasReport.class),
                    row[5] == null ? null : json.readValue((String) row[5], InterestEmbeddingReport.class),
                    row[6] == null ? null : json.readValue((String) row[6], ResponseModel.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored response model version " + row[0] + " is not readable JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a response model document as JSON", e);
        }
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + (value == null ? null : value.getClass()));
    }
}
