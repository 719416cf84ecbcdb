package io.channelmind.optimizer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.optimizer.model.ResponseExample;
import io.channelmind.optimizer.model.ResponseModelTrainer;
import io.channelmind.optimizer.model.StoredResponseModel;
import io.channelmind.optimizer.model.TrainingResult;
import io.channelmind.optimizer.model.TrainingSettings;
import io.channelmind.optimizer.repository.ProfileTraitRepository;
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

    public ResponseModelService(ProfileTraitRepository traits, ResponseModelRepository models) {
        this.traits = traits;
        this.models = models;
    }

    /**
     * Trains a new version on every identified, contacted profile and stores it with its
     * evaluation and bias report. Raises a 409 problem when the history cannot train a model.
     */
    public Uni<StoredResponseModel> train(TrainingSettings settings) {
        // Fitting takes seconds on tens of thousands of rows, so it runs on a worker thread and the
        // result comes back to the request's Vert.x context, where Hibernate Reactive must run.
        Context context = Vertx.currentContext();
        return Panache.withSession(traits::trainingRows)
                .chain(rows -> Uni.createFrom().item(() -> fit(rows, settings))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .emitOn(command -> context.runOnContext(ignored -> command.run())))
                .chain(result -> Panache.withTransaction(() -> models.insert(settings, result)))
                .invoke(stored -> LOG.infof("Trained response model version %d on %d rows (holdout AUC %s)",
                        stored.version(), stored.evaluation().trainingRows() + stored.evaluation().holdoutRows(),
                        stored.evaluation().model().auc()));
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

    private static TrainingResult fit(List<ResponseExample> rows, TrainingSettings settings) {
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
