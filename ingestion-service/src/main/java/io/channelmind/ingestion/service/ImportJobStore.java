package io.channelmind.ingestion.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.ingestion.repository.ImportJob;
import io.channelmind.ingestion.repository.ImportJobRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Reads and writes import records. The write methods block: they serve the import thread,
 * which reads the request body on a worker thread, and run the reactive session on a Vert.x context.
 */
@ApplicationScoped
public class ImportJobStore {

    private final ImportJobRepository repository;

    public ImportJobStore(ImportJobRepository repository) {
        this.repository = repository;
    }

    /**
     * Inserts the record of an import that has just started.
     * NOTE: if the service stops during an import, its record stays {@code running} because nothing marks it failed later.
     */
    void create(ImportRun run) {
        ImportJob job = new ImportJob();
        run.copyTo(job);
        await(() -> Panache.withTransaction(() -> repository.persist(job)).replaceWithVoid());
    }

    /** Writes the final status and counts of an import. */
    void finish(ImportRun run) {
        await(() -> Panache.withTransaction(() -> repository.findById(run.id()).invoke(run::copyTo)).replaceWithVoid());
    }

    /** Returns the import, or a null item when there is none with this id. */
    public Uni<ImportJob> find(UUID id) {
        return Panache.withSession(() -> repository.findById(id));
    }

    public Uni<List<ImportJob>> listRecent(int limit) {
        return Panache.withSession(() -> repository.listRecent(limit));
    }

    private static void await(Supplier<Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Writing the import record failed", e);
        }
    }
}
