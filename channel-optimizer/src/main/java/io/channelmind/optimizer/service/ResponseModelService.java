package io.channelmind.optimizer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.optimizer.client.InterestExportClient;
import io.channelmind.optimizer.client.InterestExportException;
import io.channelmind.optimizer.client.InterestSnapshot;
import io.channelmind.optimizer.model.FeatureEncoder;
import io.channelmind.optimizer.model.InterestEmbeddingReport;
import io.channelmind.optimizer.model.ResponseExample;
import io.channelmind.optimizer.model.ResponseModelTrainer;
import io.channelmind.optimizer.model.StoredResponseModel;
import io.channelmind.optimizer.model.TrainingResult;
import io.channelmind.optimizer.model.TrainingSettings;
import io.channelmind.optimizer.repository.ProfileInterestRepository;
import io.channelmind.optimizer.repository.ProfileTraitRepository;
import io.channelmind.optimizer.repository.ProfileTraitRepository.TrainingRow;
import io.channelmind.optimizer.repository.ResponseModelRepository;
import io.channelmind.web.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Trains response model versions from the consumed event history and reads the stored versions. */
@ApplicationScoped
public class ResponseModelService {

    private static final Logger LOG = Logger.getLogger(ResponseModelService.class);

    private final ProfileTraitRepository traits;
    private final ResponseModelRepository models;
    private final ProfileInterestRepository interests;
    private final InterestExportClient export;

    public ResponseModelService(ProfileTraitRepository traits, ResponseModelRepository models,
            ProfileInterestRepository interests, InterestExportClient export) {
        this.traits = traits;
        this.models = models;
        this.interests = interests;
        this.export = export;
    }

    /**
     * Trains a new version on every identified, contacted profile and stores it with its
     * evaluation, bias report and the use of the interest embedding. With a profile-service URL,
     * every interest vector is read first and the model is also trained without them on the same
     * rows for comparison. Raises a 409 problem when the history cannot train a model, and a 503
     * problem when profile-service fails, in which case nothing is stored.
     */
    public Uni<StoredResponseModel> train(TrainingSettings settings) {
        // Fitting takes seconds on tens of thousands of rows, so it runs on a worker thread and the
        // result comes back to the request's Vert.x context, where Hibernate Reactive must run.
        // The REST client also completes outside that context, so its result is moved back too.
        Context context = Vertx.currentContext();
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        return readInterests().emitOn(onContext)
                .chain(snapshot -> Panache.withSession(traits::trainingRows)
                        .chain(rows -> Uni.createFrom().item(() -> fit(rows, snapshot.orElse(null), settings))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .emitOn(onContext))
                        .chain(result -> Panache.withTransaction(() -> interests.replaceAll(snapshot.orElse(null))
                                .chain(() -> models.insert(settings, result)))))
                .invoke(stored -> LOG.infof("Trained response model version %d on %d rows (holdout AUC %s,"
                                + " interest embedding %s)", stored.version(),
                        stored.evaluation().trainingRows() + stored.evaluation().holdoutRows(),
                        stored.evaluation().model().auc(), stored.embeddings().used() ? "used" : "not used"));
    }

    /** Returns every version, newest first, without the fitted models. */
    public Uni<List<StoredResponseModel>> list() {
        return Panache.withSession(models::list)
                .map(versions -> versions.stream().map(StoredResponseModel::withoutModel).toList());
    }

    /** Returns one version with its model; raises a 404 problem when it does not exist. */
    public Uni<StoredResponseModel> find(long version) {
        return Panache.withSession(() -> models.find(version)).map(found -> {
            if (found == null) {
                throw Problem.of(404, "response-model-not-found", "Response model not found")
                        .detail("No response model has version " + version)
                        .error("version", Long.toString(version), "List the versions with GET /api/v1/response-models")
                        .toException();
            }
            return found;
        });
    }

    private Uni<Optional<InterestSnapshot>> readInterests() {
        if (export.url().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return export.readAll().map(Optional::of)
                .onFailure(InterestExportException.class).transform(failure -> Problem.of(503,
                                "profile-service-unavailable", "Interest vectors unavailable")
                        .detail(failure.getMessage() + ". No model version was trained. Retry when profile-service"
                                + " answers, or unset channelmind.optimizer.profile-service.url to train on profile"
                                + " features only.")
                        .toException());
    }

    /** Trains on the rows, with and without the interest vectors when there are any. */
    static TrainingResult fit(List<TrainingRow> rows, InterestSnapshot snapshot, TrainingSettings settings) {
        List<ResponseExample> withoutInterests = rows.stream()
                .map(row -> example(row, FeatureEncoder.withoutInterests(row.example().features())))
                .toList();
        if (snapshot == null) {
            return train(withoutInterests, settings).withEmbeddings(InterestEmbeddingReport.notUsed(
                    "channelmind.optimizer.profile-service.url is not set, so the model was trained on profile"
                            + " features only"));
        }

        int rowsWithVector = 0;
        List<ResponseExample> withInterests = new ArrayList<>(rows.size());
        for (TrainingRow row : rows) {
            double[] vector = snapshot.vectors().get(row.profileKey());
            rowsWithVector += vector == null ? 0 : 1;
            withInterests.add(example(row, FeatureEncoder.withInterests(row.example().features(), snapshot.labels(),
                    vector)));
        }
        TrainingResult with = train(withInterests, settings);
        TrainingResult without = train(withoutInterests, settings);
        String reason = rowsWithVector == 0
                ? "No training row's profile has an interest vector in the export, so the interest features are empty"
                : rowsWithVector + " of " + rows.size() + " rows have an interest vector. The other rows take the"
                        + " training mean of each share";
        boolean used = with.model().encoder().usesInterests();
        return with.withEmbeddings(new InterestEmbeddingReport(used, reason, snapshot.modelVersion(),
                snapshot.labels(), snapshot.vectors().size(), rowsWithVector, without.evaluation()));
    }

    private static ResponseExample example(TrainingRow row, Map<String, String> features) {
        ResponseExample example = row.example();
        return new ResponseExample(features, example.channel(), example.converted(), example.attributes());
    }

    private static TrainingResult train(List<ResponseExample> rows, TrainingSettings settings) {
        try {
            return ResponseModelTrainer.train(rows, settings);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Response model training rejected: %s", e.getMessage());
            throw Problem.of(409, "not-enough-history", "Not enough history to train")
                    .detail(e.getMessage() + ". Training uses identified profiles (identify events with traits)"
                            + " that have contact or conversion events; import more of them and retry.")
                    .toException();
        }
    }
}
