package io.channelmind.ingestion.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Stores {@link ImportJob}s. */
@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {

    public Uni<List<ImportJob>> listRecent(int limit) {
        return findAll(Sort.descending("startedAt").and("id")).page(Page.ofSize(limit)).list();
    }
}
